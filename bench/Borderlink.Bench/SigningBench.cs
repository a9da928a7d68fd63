using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Borderlink.Sharing.Exchange;
using Microsoft.IdentityModel.Tokens;

namespace Borderlink.Bench;

/// <summary>CPU cost of one message's signature work, per operation on one core: sign, verify, and the envelope read.</summary>
public static class SigningBench
{
    public static async Task RunAsync(int count)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(false);
        var signing = new ECDsaSecurityKey(ecdsa) { KeyId = "bench" };
        var jwk = JsonSerializer.Serialize(new NodeKeys.Jwk("EC", "P-256", Base64UrlEncoder.Encode(parameters.Q.X), Base64UrlEncoder.Encode(parameters.Q.Y), "bench", "sig", "ES256"));
        var body = JsonSerializer.SerializeToElement(new { title = "latency", body = new string('x', 400), language = "vi" });
        var envelope = new Envelope(Envelope.Version, Guid.CreateVersion7(), "vn-north", "cn-gx", DateTimeOffset.UtcNow, Envelope.KindRecord,
            new EnvelopeRecord("liaison-note", Guid.CreateVersion7(), "VN-09", 1, ["CN-GX"], null, DateTimeOffset.UtcNow, body));
        var payload = JsonSerializer.Serialize(envelope, Envelope.Json);
        var jws = Signing.Sign(payload, signing);
        if (await Signing.VerifyAsync(jws, jwk) is null) throw new InvalidOperationException("the bench's own signature does not verify");

        for (var round = 0; round < 2; round++)
        {
            var sign = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) Signing.Sign(payload, signing);
            sign.Stop();
            var verify = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) await Signing.VerifyAsync(jws, jwk);
            verify.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"signing round={round} messages={count} bytes={jws.Length} sign-us={sign.Elapsed.TotalMicroseconds / count:F0} verify-us={verify.Elapsed.TotalMicroseconds / count:F0}"));
        }
    }
}
