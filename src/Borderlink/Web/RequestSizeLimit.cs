using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Borderlink.Web;

/// <summary>
/// Refuses a declared body over the endpoint's limit with a 413 before anything reads it. The limit is
/// <see cref="WebSetup.MaxRequestBytes"/> unless the endpoint declares a larger one (file uploads); the server is told
/// the same limit, so a body without a declared length is cut off there too.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = LimitOf(context);
        if (context.Request.ContentLength > limit)
        {
            // Answered by RequestProblems, as the server's own refusal of a chunked body over the limit is.
            throw new BadHttpRequestException("The declared body is over the endpoint's limit.", StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        await next(context);
    }

    public static long LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? WebSetup.MaxRequestBytes;
}
