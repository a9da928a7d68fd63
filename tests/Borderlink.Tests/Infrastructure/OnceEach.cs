using System.Collections.Concurrent;

namespace Borderlink.Tests.Infrastructure;

/// <summary>
/// A value made once per key and shared by every caller that asks meanwhile (a signed-in session per user); one whose
/// making failed is forgotten, so that the next caller makes it again.
/// </summary>
public sealed class OnceEach<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _made = new();

    /// <summary>
    /// The value for <paramref name="key"/>, made by <paramref name="make"/> if there is none yet, or again if the one
    /// there failed or <paramref name="stillGood"/> says it no longer holds.
    /// </summary>
    public async Task<T> GetAsync(string key, Func<string, Task<T>> make, Func<T, Task<bool>>? stillGood = null)
    {
        if (stillGood is not null && _made.TryGetValue(key, out var cached))
        {
            try
            {
                var value = await cached.Value;
                if (await stillGood(value)) return value;
            }
            catch when (!cached.Value.IsCompletedSuccessfully)
            {
                // Its making failed: it is made again below.
            }
            _made.TryRemove(KeyValuePair.Create(key, cached));
        }
        var entry = _made.GetOrAdd(key, k => new Lazy<Task<T>>(() => make(k)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _made.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Puts <paramref name="value"/> in place of what <paramref name="key"/> holds: what its making would give now.</summary>
    public void Replace(string key, T value) => _made[key] = new Lazy<Task<T>>(Task.FromResult(value));
}
