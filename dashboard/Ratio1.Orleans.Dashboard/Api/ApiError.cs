namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>
/// The body of every API error: HTTP status, the error's short name (the typed exception's: <c>InvalidConfig</c>,
/// <c>PipelineNotFound</c>, <c>ConfigConflict</c>, <c>Unauthorized</c>, ...), its message, and for bad input the
/// offending field and value (every one of them in <see cref="Errors"/>).
/// </summary>
public sealed record ApiError(int Status, string Error, string Message, string? Field = null, string? Value = null, IReadOnlyList<ApiFieldError>? Errors = null);

/// <summary>One offending field of a rejected input.</summary>
/// <param name="Value">The offending value as JSON text, or null when the field is missing.</param>
public sealed record ApiFieldError(string Field, string? Value, string Message);
