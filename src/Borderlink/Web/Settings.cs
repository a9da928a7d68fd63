using Microsoft.Extensions.Options;

namespace Borderlink.Web;

/// <summary>A section of settings Borderlink reads, with the type that holds it (what <see cref="ConfigurationCheck"/> checks).</summary>
public sealed record SettingsSection(string Name, Type Type, Func<IServiceProvider, object> Read);

public static class Settings
{
    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="T"/>, validated by its data annotations when the node
    /// starts, and lists it for the configuration check (unknown keys, refused values): every section is registered
    /// this one way, so a new one is checked without being named anywhere else.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton(new SettingsSection(section, typeof(T), sp => sp.GetRequiredService<IOptions<T>>().Value));
        return services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }
}
