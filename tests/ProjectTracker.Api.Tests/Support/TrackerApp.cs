using Microsoft.Extensions.Time.Testing;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// The API shared by the tests of the "api" collection, on a database made fresh for this test run.
/// Tests never share data: each makes its own district and projects.
/// </summary>
public sealed class TrackerApp : ApiHost, IAsyncLifetime
{
    /// <summary>"Now" for the API: a fixed instant, so "today" in Shanghai is 2026-06-15 whatever the real date.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly TestDatabase database;

    public TrackerApp()
        : this(new TestDatabase("pt_test"), new FakeTimeProvider(Now))
    {
    }

    private TrackerApp(TestDatabase database, FakeTimeProvider clock)
        : base(database.ConnectionString, clock)
    {
        this.database = database;
        Clock = clock;
    }

    public static DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public FakeTimeProvider Clock { get; }

    public async Task InitializeAsync()
    {
        await database.Create();
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<TrackerApp>
{
    public const string Name = "api";
}
