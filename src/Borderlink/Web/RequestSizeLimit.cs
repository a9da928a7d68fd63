using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Localization;

namespace Borderlink.Web;

/// <summary>
/// Refuses a declared body over the endpoint's limit with a 413 problem before anything reads it. The limit is
/// <see cref="WebSetup.MaxRequestBytes"/> unless the endpoint declares a larger one (file uploads); the server is told
/// the same limit, so a body without a declared length is cut off there too.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IStringLocalizer<SharedResource> L)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? WebSetup.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            await ApiResults.Problem(L, StatusCodes.Status413PayloadTooLarge, "too-large", "Problem.TooLarge",
                extensions: new Dictionary<string, object?> { ["maxBytes"] = limit }).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}
