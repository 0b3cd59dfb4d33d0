using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Dashboard.Feed;

namespace Ratio1.Orleans.Dashboard.Api;

/// <summary><c>GET /api/me</c>: who the request acts as.</summary>
/// <param name="User">The dashboard user's name; null: the dashboard itself.</param>
/// <param name="Address">The identity its requests are signed with; null: unsigned.</param>
/// <param name="Security">Whether the cluster has security on.</param>
/// <param name="Node">The hosting silo's node id; null in the standalone host.</param>
public sealed record MeView(string? User, string? Address, bool Security, string? Node);

/// <summary>One entry of <c>GET /api/nodes</c>: the node and its latest heartbeat (null before the first reached the dashboard).</summary>
public sealed record NodeEntryView(NodeInfo Info, HeartbeatView? Heartbeat);

/// <summary><c>GET /api/nodes/{node}</c>: the node, its latest and recent heartbeats (oldest first), models and instance activity.</summary>
public sealed record NodeDetailView(NodeInfo Info, HeartbeatView? Heartbeat, IReadOnlyList<HeartbeatView> Recent, IReadOnlyList<ModelStatus> Models, IReadOnlyList<InstanceActivity> Activity);

/// <summary><c>DELETE /api/nodes/{node}/pipelines/{name}</c>: the last version the pipeline had.</summary>
public sealed record DeletedView(int Deleted);
