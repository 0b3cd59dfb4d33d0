namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>A feed query value that cannot be read (answered with HTTP 400 naming the field and value).</summary>
public sealed class FeedFilterException(string field, string value, string message) : ArgumentException(message, field)
{
    /// <summary>The query field (<c>kinds</c>).</summary>
    public string Field { get; } = field;

    /// <summary>The value given.</summary>
    public string Value { get; } = value;
}
