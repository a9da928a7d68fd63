namespace Borderlink.Web;

/// <summary>The free-text check every form shares: required or not, and at most so many characters.</summary>
public static class FieldChecks
{
    /// <summary>A year a date can be built in; a filter on any other year matches nothing.</summary>
    public static bool IsCalendarYear(int year) => year is >= 1900 and <= 9998;

    public static void Text(List<FieldError> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(new(field, "Error.Required"));
        }
        else if (value.Length > max)
        {
            errors.Add(new(field, "Error.TooLong", max));
        }
    }
}
