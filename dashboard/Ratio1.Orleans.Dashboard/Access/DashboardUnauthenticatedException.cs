namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>A request carried no token, or one the dashboard does not know, where a token is required (HTTP 401).</summary>
public sealed class DashboardUnauthenticatedException(string message) : Exception(message);
