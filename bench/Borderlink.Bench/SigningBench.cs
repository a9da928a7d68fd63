using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Borderlink.Sharing.Exchange;
using Microsoft.IdentityModel.Tokens;

namespace Borderlink.Bench;

/// <summary>
/// CPU cost of one message's signature work, per operation on one core: sign, verify (with the envelope read), and,
/// for Exchange:Encrypt, encrypt to the receiver's key and decrypt.
/// </summary>
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
        using var receiver = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = receiver.ExportParameters(false).Q;
        var encryptTo = new PartnerKey
        {
            NodeId = "cn-gx", Kid = "bench-enc",
            Jwk = JsonSerializer.Serialize(new NodeKeys.Jwk("EC", "P-256", Base64UrlEncoder.Encode(point.X), Base64UrlEncoder.Encode(point.Y), "bench-enc", "enc", Encryption.KeyAlgorithm)),
        };
        var jwe = Encryption.Wrap(jws, encryptTo);
        if (Encryption.Unwrap(jwe, receiver) != jws) throw new InvalidOperationException("the bench's own encryption does not decrypt");

        for (var round = 0; round < 2; round++)
        {
            var sign = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) Signing.Sign(payload, signing);
            sign.Stop();
            var verify = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) await Signing.VerifyAsync(jws, jwk);
            verify.Stop();
            var encrypt = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) Encryption.Wrap(jws, encryptTo);
            encrypt.Stop();
            var decrypt = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) Encryption.Unwrap(jwe, receiver);
            decrypt.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"signing round={round} messages={count} bytes={jws.Length} sign-us={sign.Elapsed.TotalMicroseconds / count:F0} verify-us={verify.Elapsed.TotalMicroseconds / count:F0} " +
                $"encrypted-bytes={jwe.Length} encrypt-us={encrypt.Elapsed.TotalMicroseconds / count:F0} decrypt-us={decrypt.Elapsed.TotalMicroseconds / count:F0}"));
        }
    }
}
