namespace Ratio1.Orleans.Contracts.Security;

/// <summary>What an identity may do on a node. Each role includes the rights of the roles below it.</summary>
[GenerateSerializer, Alias("r1.access-role")]
public enum AccessRole
{
    /// <summary>No right at all (not on the allow-list).</summary>
    None = 0,

    /// <summary>Read configs, history, models and nodes; watch traffic.</summary>
    Viewer = 1,

    /// <summary>Viewer, plus deploy, update, commands, pushes, inference, archive, delete, rollback.</summary>
    Operator = 2,

    /// <summary>Operator, plus manage allow-lists and models.</summary>
    Admin = 3,
}
