using Microsoft.Extensions.Options;

namespace Borderlink.Sharing.Exchange;

/// <summary>/exchange/v1/inbox: where partner nodes deliver. Authenticated by the message's signature, not by a user.</summary>
public static class ExchangeEndpoints
{
    public static IEndpointRouteBuilder MapExchangeInbox(this IEndpointRouteBuilder app)
    {
        app.MapPost("/exchange/v1/inbox", async (HttpRequest request, Inbox inbox, IOptions<ExchangeOptions> options, CancellationToken ct) =>
            {
                var max = options.Value.MaxMessageBytes;
                if (request.ContentLength > max) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                // Read at most max bytes, whatever the sender declared: a compact JWS is ASCII.
                using var body = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
                {
                    if (body.Length + read > max) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                    body.Write(chunk, 0, read);
                }
                var result = await inbox.ReceiveAsync(System.Text.Encoding.ASCII.GetString(body.GetBuffer(), 0, (int)body.Length).Trim(), ct);
                return result.Receipt is { } receipt
                    ? Results.Text(receipt, Envelope.MediaType)
                    : Results.Text(result.Reason ?? "", "text/plain", statusCode: result.StatusCode);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(app.ServiceProvider.GetRequiredService<IOptions<ExchangeOptions>>().Value.MaxMessageBytes))
            .WithTags("Exchange")
            .WithName("ExchangeInbox")
            .WithSummary("A partner node delivers a signed message (application/jose); answers with a signed receipt.");
        return app;
    }
}
