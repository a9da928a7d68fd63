using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Sharing;

/// <summary>
/// The data-protection key ring (sign-in cookies, this node's private keys) is kept in the database; with
/// DataProtection:CertificatePath set, its keys are stored there encrypted to the certificate, not in clear.
/// </summary>
public sealed class KeyRingTests() : OwnAppTest(new BorderlinkApp()
    .WithSetting("DataProtection:CertificatePath", Certificate.Value)
    .WithSetting("DataProtection:CertificatePassword", Password))
{
    private const string Password = "key-ring-test";

    private static readonly Lazy<string> Certificate = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Borderlink key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"borderlink-keyring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    });

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_stored_encrypted_and_everything_it_protects_works()
    {
        // Signing in (a protected cookie) and writing (the node's signing key, protected by the ring) work as always.
        var officer = await App.SignInAsync("langson.officer");
        var note = await officer.CreateNoteAsync("Khóa được mã hóa");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        await App.WithServiceAsync<NodeKeys, (NodeKey, Microsoft.IdentityModel.Tokens.SecurityKey)>(keys => keys.CurrentAsync());

        var stored = await App.WithSystemDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });

        // The same database without the certificate is what the setting changes: a plain ring keeps the key in clear.
        await using var plain = new BorderlinkApp();
        await plain.InitializeAsync();
        await plain.SignInAsync("langson.officer");
        Assert.All(await plain.WithSystemDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()),
            xml => Assert.Contains("<value>", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_certificate_password_stops_the_node_at_start()
    {
        await using var wrong = new BorderlinkApp()
            .WithSetting("DataProtection:CertificatePath", Certificate.Value)
            .WithSetting("DataProtection:CertificatePassword", "not-the-password");
        await Assert.ThrowsAnyAsync<CryptographicException>(() => wrong.InitializeAsync().AsTask());
    }
}
