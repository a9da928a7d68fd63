using System.Globalization;
using System.Xml.Linq;

namespace Borderlink.Tests.Infrastructure;

/// <summary>The names a server-drawn map placed, read from the SVG as the browser gets it, and the check that none overlap.</summary>
public static class MapLabels
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A placed name: its text and the box it takes (the SVG is told to draw it at exactly that width).</summary>
    public record Placed(string Text, double X, double Y, double Width, double Height);

    /// <summary>Every text of the map that carries its box (names; a legend's texts carry none).</summary>
    public static List<Placed> Of(XElement svg) => svg.Descendants(Svg + "text").Where(t => t.Attribute("data-box") is not null).Select(t =>
    {
        var box = t.Attribute("data-box")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Placed(t.Value, box[0], box[1], box[2], box[3]);
    }).ToList();

    /// <summary>There are names, and no two of their boxes overlap.</summary>
    public static void AssertApart(IReadOnlyList<Placed> labels)
    {
        Assert.NotEmpty(labels);
        for (var i = 0; i < labels.Count; i++)
        for (var j = i + 1; j < labels.Count; j++)
        {
            var (a, b) = (labels[i], labels[j]);
            var overlap = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
            Assert.False(overlap, $"'{a.Text}' and '{b.Text}' overlap");
        }
    }
}
