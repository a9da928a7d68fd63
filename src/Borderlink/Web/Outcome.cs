namespace Borderlink.Web;

/// <summary>A field (or row) and the resource key of what is wrong with it.</summary>
public sealed record FieldError(string Field, string MessageKey, params object[] Args);

/// <summary>What a use case answers: the record, or why not. Pages and endpoints turn it into a view or a status code.</summary>
public abstract record Outcome<T>
{
    public sealed record Done(T Value, bool Created = false) : Outcome<T>;
    public sealed record NotFound : Outcome<T>;
    public sealed record Forbidden : Outcome<T>;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : Outcome<T>;
    /// <summary>The record changed since the caller read it (If-Match or the form's version).</summary>
    public sealed record Stale(long CurrentVersion) : Outcome<T>;
    /// <summary>
    /// The record's state forbids the change (e.g. signed minutes are locked); <paramref name="Code"/> names why. 409
    /// unless the request itself is what cannot be done (422: an Idempotency-Key sent again with another request).
    /// </summary>
    public sealed record Conflict(string Code, string MessageKey, int Status = StatusCodes.Status409Conflict) : Outcome<T>;

    /// <summary>The same refusal as an outcome of another type (a use case passing on why it could not go on); not for <see cref="Done"/>.</summary>
    public Outcome<TOther> As<TOther>() => this switch
    {
        NotFound => new Outcome<TOther>.NotFound(),
        Forbidden => new Outcome<TOther>.Forbidden(),
        Invalid invalid => new Outcome<TOther>.Invalid(invalid.Errors),
        Stale stale => new Outcome<TOther>.Stale(stale.CurrentVersion),
        Conflict conflict => new Outcome<TOther>.Conflict(conflict.Code, conflict.MessageKey, conflict.Status),
        _ => throw new InvalidOperationException("A done outcome has no counterpart of another type"),
    };
}
