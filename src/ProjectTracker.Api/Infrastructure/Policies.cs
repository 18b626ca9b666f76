namespace ProjectTracker.Api.Infrastructure;

/// <summary>The authorization policies route groups name; the Access feature defines what each admits.</summary>
public static class Policies
{
    public const string Admin = "admin";

    /// <summary>Admin and district keys; the district check against the project happens in the write itself.</summary>
    public const string Writer = "writer";
}

/// <summary>How a caller shows an API key: the header, and the authentication scheme that reads it (the Access feature).</summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";
    public const string Scheme = "ApiKey";
}
