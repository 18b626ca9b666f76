using Npgsql;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Tests.Operations;

public sealed class PoolDefaultsTests
{
    [Fact]
    public void A_plain_connection_string_gets_the_pool_defaults()
    {
        var tuned = new NpgsqlConnectionStringBuilder(MartenSetup.WithPoolDefaults("Host=db;Database=tracker;Username=app"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal("db", tuned.Host);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=0")]
    public void Settings_given_in_the_connection_string_win(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(MartenSetup.WithPoolDefaults(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
