namespace Borderlink.Features.Situation;

/// <summary>
/// The problems of one import or batch: the first <see cref="Kept"/> are kept to show, every one is counted. A file of
/// millions of bad rows costs a counter, not a list of millions (nor a place suggestion for each).
/// </summary>
public sealed class ImportProblems
{
    public const int Kept = 100;

    private readonly List<ImportProblem> _kept = [];

    /// <summary>How many problems were found, shown or not.</summary>
    public int Count { get; private set; }

    /// <summary>No more will be shown: work that only helps to explain a problem (a suggestion) can be skipped.</summary>
    public bool Full => Count >= Kept;

    public void Add(ImportProblem problem)
    {
        Count++;
        if (_kept.Count < Kept) _kept.Add(problem);
    }

    public void AddRange(IEnumerable<ImportProblem> problems)
    {
        foreach (var problem in problems) Add(problem);
    }

    /// <summary>The kept problems in row order.</summary>
    public IReadOnlyList<ImportProblem> Shown => [.. _kept.OrderBy(p => p.Row)];
}
