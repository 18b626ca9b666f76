using Microsoft.Extensions.Time.Testing;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// The API shared by the tests of the "api" collection, on a database made fresh for this test run.
/// Tests never share data: each makes its own district and projects.
/// </summary>
public sealed class TrackerApp : ApiHost, IAsyncLifetime
{
    /// <summary>"Now" for the API when the run starts, so "today" in Shanghai is 2026-06-15 whatever the real date.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly TestDatabase database;

    public TrackerApp()
        : this(new TestDatabase("pt_test"), new FakeTimeProvider(Now.ToUniversalTime()))
    {
    }

    private TrackerApp(TestDatabase database, FakeTimeProvider clock)
        : base(database.ConnectionString, clock)
    {
        this.database = database;
        // Events are stamped by this clock: a millisecond per reading keeps them in order and apart (asOf between
        // two writes), while "today" stays 2026-06-15 for the whole run.
        clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
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
