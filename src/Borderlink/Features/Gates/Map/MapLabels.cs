using System.Globalization;

namespace Borderlink.Features.Gates.Map;

/// <summary>A rectangle in the map's units, top-left corner and size.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    public bool Overlaps(Box other, double gap) =>
        X < other.Right + gap && other.X < Right + gap && Y < other.Bottom + gap && other.Y < Bottom + gap;

    /// <summary>Whether the segment from (x1, y1) to (x2, y2) passes through the box (sampled finely enough for labels).</summary>
    public bool Crosses(double x1, double y1, double x2, double y2)
    {
        for (var t = 0.0; t <= 1.0; t += 0.05)
        {
            var (x, y) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
            if (x > X && x < Right && y > Y && y < Bottom) return true;
        }
        return false;
    }

    public (double X, double Y) Nearest(double x, double y) => (Math.Clamp(x, X, Right), Math.Clamp(y, Y, Bottom));
}

/// <summary>A placed label: its box, where its text starts and its baseline, and a leader line to its point when moved away.</summary>
public sealed record MapLabel(string Text, double FontSize, Box Box, double Baseline, (double X1, double Y1, double X2, double Y2)? Leader);

/// <summary>
/// Places labels so that no two overlap and none covers a marker: an area's name near its centre, a point's name at
/// the nearest free place around it (right, left, then the diagonals, above and below, further out step by step),
/// joined to its point by a leader line when it had to move away. Text widths are estimated per character and the
/// SVG is told to draw each text at exactly that width (textLength), so the boxes placed here are the boxes drawn,
/// whatever font the reader's browser has.
/// </summary>
public sealed class LabelPlacer(double width, double height)
{
    private const double Gap = 3, Margin = 3;
    private static readonly double[] Directions = [0, 180, -30, 30, -150, 150, -60, 60, -120, 120, -90, 90, -15, 15, -165, 165];
    private readonly List<Box> taken = [];
    private readonly List<Box> labels = [];

    /// <summary>Keeps a box (a marker) free of labels.</summary>
    public void Reserve(Box box) => taken.Add(box);

    /// <summary>An area's name centred on its point, or moved a little; null when there is no room near it.</summary>
    public MapLabel? PlaceArea(string text, double x, double y, double fontSize)
    {
        var (w, h) = Size(text, fontSize);
        for (var step = 0; step <= 6; step++)
        {
            foreach (var dy in step == 0 ? new[] { 0.0 } : new[] { -step * 8.0, step * 8.0 })
            {
                var box = new Box(x - w / 2, y - h / 2 + dy, w, h);
                if (Free(box)) return Take(text, fontSize, box, null);
            }
        }
        return null;
    }

    /// <summary>A point's name as near its marker (of the given radius) as there is room; never overlapping.</summary>
    public MapLabel? PlacePoint(string text, double x, double y, double radius, double fontSize)
    {
        var (w, h) = Size(text, fontSize);
        for (var distance = radius + Gap; distance < Math.Max(width, height); distance += distance < radius + 20 ? 8 : 14)
        {
            foreach (var degrees in Directions)
            {
                var (cos, sin) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
                var (px, py) = (x + distance * cos, y + distance * sin);
                var left = cos > 0.38 ? px : cos < -0.38 ? px - w : px - w / 2;
                var top = sin > 0.38 ? py : sin < -0.38 ? py - h : py - h / 2;
                var box = new Box(left, top, w, h);
                if (!Free(box)) continue;
                var moved = distance > radius + Gap + 0.5;
                if (!moved) return Take(text, fontSize, box, null);
                var (nx, ny) = box.Nearest(x, y);
                var length = Math.Max(Math.Sqrt((nx - x) * (nx - x) + (ny - y) * (ny - y)), 0.001);
                var (sx, sy) = (x + (nx - x) / length * radius, y + (ny - y) / length * radius);
                if (labels.Any(l => l.Crosses(sx, sy, nx, ny))) continue;
                return Take(text, fontSize, box, (sx, sy, nx, ny));
            }
        }
        return null;
    }

    private bool Free(Box box) =>
        box.X >= Margin && box.Y >= Margin && box.Right <= width - Margin && box.Bottom <= height - Margin &&
        !taken.Any(t => t.Overlaps(box, Gap));

    private MapLabel Take(string text, double fontSize, Box box, (double, double, double, double)? leader)
    {
        taken.Add(box);
        labels.Add(box);
        return new MapLabel(text, fontSize, box, box.Y + fontSize * 1.1, leader);
    }

    /// <summary>The box a text takes: its estimated width and a line height that holds Latin, Vietnamese and Chinese glyphs.</summary>
    public static (double Width, double Height) Size(string text, double fontSize) => (TextWidth(text, fontSize), fontSize * 1.45);

    /// <summary>A text's width in a sans-serif face, by character class (Chinese characters a full em, narrow letters less).</summary>
    public static double TextWidth(string text, double fontSize)
    {
        var ems = 0.0;
        foreach (var c in text)
        {
            ems += CharUnicodeInfo.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.NonSpacingMark => 0,
                UnicodeCategory.OtherLetter when c >= '\u2E80' => 1.0,
                _ when c is >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF' => 1.0,
                _ when "iljI.,'|!:;".Contains(c) => 0.3,
                _ when "ftr() ".Contains(c) => 0.38,
                _ when "mwMW".Contains(c) => 0.9,
                UnicodeCategory.UppercaseLetter => 0.7,
                _ => 0.6,
            };
        }
        return Math.Ceiling(ems * fontSize);
    }
}
