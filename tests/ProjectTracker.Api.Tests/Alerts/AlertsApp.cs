using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Alerts;

/// <summary>
/// A tracker node on a database of its own, with a clock the tests move day by day and real SMTP to an
/// in-process mail server. One per test class: the class's tests run one after another and each uses
/// addresses and projects of its own, so the mails one test expects are told apart by address.
/// </summary>
public sealed class AlertsApp : IAsyncLifetime
{
    public const string CityLeader = "city.leader@example.org";
    public const int MaxAttempts = 3;
    public const int MaxMailsPerDay = 3;
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMinutes(10);

    private readonly TestDatabase database = new("pt_alerts");

    public AlertsApp()
    {
        Host = new ApiHost(database.ConnectionString, Clock, new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "ProjectTracker <tracker@example.org>",
            ["Smtp:TimeoutSeconds"] = "10",
            ["Alerts:CityLeaderEmail"] = CityLeader,
            ["Alerts:LinkBaseUrl"] = "https://tracker.example.org",
            ["Alerts:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:MaxMailsPerRecipientPerDay"] = MaxMailsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:RetryBaseDelay"] = RetryBaseDelay.ToString(),
        });
    }

    /// <summary>Starts at 10:00 in Shanghai on 2026-06-15; tests move it forward only.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));

    public MailServer Mail { get; } = new();

    public ApiHost Host { get; }

    /// <summary>Made once the database exists: it starts the host.</summary>
    public Scenario Given { get; private set; } = null!;

    public HttpClient Admin => Given.Admin;

    /// <summary>Today in Shanghai on the test clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public void AdvanceDays(int days) => Clock.Advance(TimeSpan.FromDays(days));

    public async Task InitializeAsync()
    {
        await database.Create();
        Host.StartServer();
        Given = new Scenario(Host);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Mail.Dispose();
        await database.DisposeAsync();
    }

    /// <summary>An address no other test uses.</summary>
    public static string NewAddress(string who) => $"{who}.{Scenario.Next()}@example.org";

    /// <summary>A district whose leader has the given address.</summary>
    public async Task<string> NewDistrict(string? leaderEmail = null)
    {
        var code = $"9{Scenario.Next():D5}";
        await (await Admin.PutJson($"/api/v1/districts/{code}", new { name = "测试区", leaderEmail })).Expect(HttpStatusCode.Created);
        return code;
    }

    /// <summary>A project with a contact address and one milestone (开工) with the given baseline; answers (projectId, milestoneId).</summary>
    public async Task<(string ProjectId, string MilestoneId)> NewProject(
        string contactEmail, DateOnly baseline, string? district = null, bool isKey = false, string name = "东环路快速化改造")
    {
        district ??= await NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["contactEmail"] = contactEmail;
        body["name"] = name;
        var project = await (await Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
        var milestone = await Given.NewMilestone(project.Str("id"), baseline, isKey);
        return (project.Str("id"), milestone.Str("id"));
    }

    public async Task<JsonElement> RunDeadlineAlerts(HttpClient? client = null) =>
        await (await (client ?? Admin).PostAsync("/api/v1/jobs/deadline-alerts", null)).Expect(HttpStatusCode.OK);

    public async Task<JsonElement> RunDispatch(HttpClient? client = null) =>
        await (await (client ?? Admin).PostAsync("/api/v1/jobs/alert-dispatch", null)).Expect(HttpStatusCode.OK);

    public async Task RunSlipScan() => await (await Admin.PostAsync("/api/v1/jobs/slip-scan", null)).Expect(HttpStatusCode.OK);

    public async Task<JsonElement[]> AlertsOf(string projectId, string? status = null)
    {
        var url = $"/api/v1/alerts?projectId={projectId}&pageSize=500" + (status is null ? "" : $"&status={status}");
        return [.. (await (await Admin.GetAsync(url)).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
    }

    /// <summary>The plain-text part of a mail.</summary>
    public static string TextOf(MimeMessage mail) => mail.TextBody ?? "";
}
