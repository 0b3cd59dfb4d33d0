using System.Globalization;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// An instance's <c>WORKING_HOURS</c>: intervals of the day (<c>[["08:00","18:00"]]</c>), or intervals per weekday
/// (<c>{"MON": [...], ...}</c>), in <c>WORKING_HOURS_TIMEZONE</c> (default: the node's local time). An interval may
/// cross midnight (<c>["22:00","06:00"]</c>); <c>"24:00"</c> is the end of the day.
/// </summary>
public sealed class WorkingHours
{
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly IReadOnlyList<(TimeSpan Start, TimeSpan End)> _everyDay;
    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(TimeSpan Start, TimeSpan End)>>? _byDay;
    private readonly TimeZoneInfo _zone;

    private WorkingHours(IReadOnlyList<(TimeSpan, TimeSpan)> everyDay, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(TimeSpan, TimeSpan)>>? byDay, TimeZoneInfo zone)
    {
        _everyDay = everyDay;
        _byDay = byDay;
        _zone = zone;
    }

    /// <summary>The schedule of a (validated) <c>WORKING_HOURS</c> value, or null when there is none (always working).</summary>
    public static WorkingHours? From(ConfigValue? value, string? timeZone)
    {
        if (value is null || value.IsNull || (value.Kind == ConfigValueKind.Array && value.Items.IsEmpty))
        {
            return null;
        }

        var zone = timeZone is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Local;
        if (value.Kind == ConfigValueKind.Object)
        {
            var byDay = new Dictionary<DayOfWeek, IReadOnlyList<(TimeSpan, TimeSpan)>>();
            foreach (var (day, intervals) in value.Fields)
            {
                byDay[(DayOfWeek)Array.FindIndex(Days, d => d.Equals(day, StringComparison.OrdinalIgnoreCase))] = Intervals(intervals);
            }

            return new WorkingHours([], byDay, zone);
        }

        return new WorkingHours(Intervals(value), null, zone);
    }

    /// <summary>Whether <paramref name="now"/> falls inside the working hours.</summary>
    public bool IsWorking(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var time = local.TimeOfDay;
        var today = IntervalsOf(local.DayOfWeek);
        var yesterday = IntervalsOf(local.AddDays(-1).DayOfWeek);
        return today.Any(i => i.Start <= i.End ? time >= i.Start && time < i.End : time >= i.Start)
            || yesterday.Any(i => i.Start > i.End && time < i.End);
    }

    private IReadOnlyList<(TimeSpan Start, TimeSpan End)> IntervalsOf(DayOfWeek day) =>
        _byDay is null ? _everyDay : _byDay.GetValueOrDefault(day) ?? [];

    private static List<(TimeSpan, TimeSpan)> Intervals(ConfigValue list) =>
        [.. list.Items.Select(i => (Clock(i.Items[0].AsString()), Clock(i.Items[1].AsString())))];

    private static TimeSpan Clock(string text) =>
        text == "24:00" ? TimeSpan.FromDays(1) : TimeOnly.ParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture).ToTimeSpan();
}
