using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Borderlink.Web;

/// <summary>
/// Refuses a body over the endpoint's limit with a 413: a declared one before anything reads it, one sent without a
/// declared length (chunked) as soon as a reader passes the limit. The limit is <see cref="WebSetup.MaxRequestBytes"/>
/// unless the endpoint declares a larger one (file uploads, the exchange inbox).
/// <para>
/// After the refusal the server reads and discards what the client is still sending — at most
/// <see cref="DrainBytes"/> more, for at most Kestrel's five seconds — instead of closing the connection on unread
/// data. A connection closed that way is reset, and a proxy in front (README's nginx streams bodies to the node) may
/// then lose the answer and give the client its own 502: the refusal must arrive in the reader's language.
/// </para>
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    /// <summary>How much of a refused body the server still reads and throws away so that its answer is read.</summary>
    public const long DrainBytes = 32L * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = LimitOf(context);
        var server = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature ? feature : null;
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            // Within the drain allowance the server reads the rest away after the answer; beyond it, it closes.
            server?.MaxRequestBodySize = declared <= limit + DrainBytes ? declared : limit;
            // Answered by RequestProblems, as the limit below is.
            throw TooLarge();
        }
        if (server is not null)
        {
            // The server's own cut-off sits past the drain allowance; the endpoint's limit is kept by the body itself.
            server.MaxRequestBodySize = limit + DrainBytes;
            if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            {
                context.Request.Body = new LimitedBody(context.Request.Body, limit);
            }
        }
        await next(context);
    }

    public static long LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? WebSetup.MaxRequestBytes;

    /// <summary>
    /// Runs after antiforgery, which reads a form before any page does and takes every failure to read it for a missing
    /// token (400): a form over the limit found there is answered as what it is, a 413 in the reader's language.
    /// </summary>
    public static Task AfterAntiforgery(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false, Error: { } error })
        {
            for (Exception? e = error; e is not null; e = e.InnerException)
            {
                if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge) throw tooLarge;
            }
        }
        return next(context);
    }

    private static BadHttpRequestException TooLarge() =>
        new("The body is over the endpoint's limit.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>A request body that refuses, with the same exception as the server, to be read past the limit.</summary>
    private sealed class LimitedBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Window(buffer.Length)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Window(count)));

        /// <summary>How much of a read to ask for: one byte past the limit at most, which tells "at the limit" from "over it".</summary>
        private int Window(int requested) => (int)Math.Min(requested, limit - _read + 1);

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw TooLarge();
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
