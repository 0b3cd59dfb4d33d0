using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Every item a pipeline of this node captures, offered to listeners by pipeline name (<c>MetaStream</c> merges the
/// captures of the pipelines it collects). Listening by name means a pipeline that does not run yet simply contributes
/// nothing until it does. Items are handed over synchronously on the capturing thread, so a listener must only queue.
/// </summary>
public sealed partial class CaptureHub(ILogger<CaptureHub> logger)
{
    // Copy-on-write lists: reporting (every captured item of the node) reads without locking.
    private readonly ConcurrentDictionary<string, ImmutableArray<Action<string, CaptureItem>>> _listeners = new(StringComparer.Ordinal);
    private readonly Lock _changing = new();

    /// <summary>Calls <paramref name="listener"/> with (pipeline, item) for each item any of <paramref name="pipelines"/> captures, until disposed.</summary>
    public IDisposable Listen(IEnumerable<string> pipelines, Action<string, CaptureItem> listener)
    {
        var names = pipelines.Distinct(StringComparer.Ordinal).ToImmutableArray();
        lock (_changing)
        {
            foreach (var name in names)
            {
                _listeners[name] = _listeners.GetValueOrDefault(name, []).Add(listener);
            }
        }

        return new Registration(this, names, listener);
    }

    /// <summary>Offers an item <paramref name="pipeline"/> captured to its listeners. A listener that throws is logged and skipped.</summary>
    public void Report(string pipeline, CaptureItem item)
    {
        if (!_listeners.TryGetValue(pipeline, out var listeners))
        {
            return;
        }

        foreach (var listener in listeners)
        {
            try
            {
                listener(pipeline, item);
            }
            catch (Exception e)
            {
                // The capturing pipeline must not fail because a listener did.
                LogListenerFailed(logger, e, pipeline);
            }
        }
    }

    private void Leave(ImmutableArray<string> names, Action<string, CaptureItem> listener)
    {
        lock (_changing)
        {
            foreach (var name in names)
            {
                var rest = _listeners.GetValueOrDefault(name, []).Remove(listener);
                if (rest.IsEmpty)
                {
                    _listeners.TryRemove(name, out _);
                }
                else
                {
                    _listeners[name] = rest;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A listener of the captures of pipeline {Pipeline} failed; the item was skipped for it")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string pipeline);

    private sealed class Registration(CaptureHub hub, ImmutableArray<string> names, Action<string, CaptureItem> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Leave(names, listener);
            }
        }
    }
}
