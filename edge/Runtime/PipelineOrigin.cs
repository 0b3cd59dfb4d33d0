using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>Who a running pipeline version comes from, stamped on its messages (Ratio1's <c>INITIATOR_*</c>, <c>MODIFIED_BY_*</c>).</summary>
internal sealed record PipelineOrigin(int Version, string InitiatorId, string ModifiedById, string? SessionId)
{
    public static PipelineOrigin Of(PipelineSnapshot snapshot) =>
        new(snapshot.Version, snapshot.CreatedBy, snapshot.Revision.ChangedBy, snapshot.Revision.SessionId);
}
