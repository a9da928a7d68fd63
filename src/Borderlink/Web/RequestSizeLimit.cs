using Microsoft.Extensions.Localization;

namespace Borderlink.Web;

/// <summary>
/// Refuses a declared body over <see cref="WebSetup.MaxRequestBytes"/> with a 413 problem before anything reads it.
/// Kestrel also enforces the limit on bodies without a length; this answers clearly, and behind any server.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IStringLocalizer<SharedResource> L)
    {
        if (context.Request.ContentLength > WebSetup.MaxRequestBytes)
        {
            await ApiResults.Problem(L, StatusCodes.Status413PayloadTooLarge, "too-large", "Problem.TooLarge",
                extensions: new Dictionary<string, object?> { ["maxBytes"] = WebSetup.MaxRequestBytes }).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
