using System.Reflection;
using Microsoft.Extensions.Options;

namespace Borderlink.Web;

/// <summary>
/// Settings that would leave a node unsafe or not doing what its operator meant stop it at start, each with one
/// clear line on standard error (and exit code 78, EX_CONFIG): a key no section knows (a misspelt
/// <c>Security__MaxFailedLogin</c> would silently keep the default), a value its section refuses, demo users in a
/// PostgreSQL database that does not ask for them. The sections are those registered with
/// <see cref="Settings.AddSettings{T}"/>.
/// </summary>
public static class ConfigurationCheck
{
    public const int ExitCode = 78;

    /// <summary>What is wrong with the settings, one line each; empty when the node may start.</summary>
    public static List<string> Problems(IServiceProvider services, IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var (section, type, read) in services.GetServices<SettingsSection>())
        {
            var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            problems.AddRange(configuration.GetSection(section).GetChildren().Where(c => !known.Contains(c.Key))
                .Select(c => $"{section}:{c.Key} is not a setting Borderlink knows (README lists the settings of {section}); check its spelling."));
            try
            {
                read(services);
            }
            catch (OptionsValidationException e)
            {
                problems.AddRange(e.Failures.Select(f => $"{section}: {f}"));
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{section}: {e.Message}");
            }
        }
        return problems;
    }

    /// <summary>Prints the problems and answers false when there are any.</summary>
    public static bool Passes(WebApplication app)
    {
        var problems = Problems(app.Services, app.Configuration);
        foreach (var problem in problems) Console.Error.WriteLine("Borderlink cannot start: " + problem);
        return problems.Count == 0;
    }
}

/// <summary>A state of the database the node refuses to start with; its message is the one line an operator reads.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
