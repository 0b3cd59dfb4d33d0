using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ratio1.Orleans.Tests.Hosting;

/// <summary>An application's log provider that keeps every record it is given: category, level and message.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _records = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string, LogLevel, string)> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
