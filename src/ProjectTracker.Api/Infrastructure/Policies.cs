namespace ProjectTracker.Api.Infrastructure;

public static class Policies
{
    public const string Admin = "admin";

    // The district or unit check against the project happens in the write itself.
    public const string Writer = "writer";
}

public static class ApiKeys
{
    public const string Header = "X-Api-Key";
    public const string Scheme = "ApiKey";
}
