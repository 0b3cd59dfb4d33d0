using System.Text.Json.Serialization;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Bench.Probes;

public sealed class StateWriteProbeGrain(
    [PersistentState("bench-probe", StorageNames.State)] IPersistentState<ProbeState> state) : Grain, IStateWriteProbeGrain
{
    public async Task<int> WriteAsync(int value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
        return value;
    }
}

public sealed class ProbeState
{
    [JsonPropertyName("value")]
    public int Value { get; set; }
}

[JsonSerializable(typeof(ProbeState))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;
