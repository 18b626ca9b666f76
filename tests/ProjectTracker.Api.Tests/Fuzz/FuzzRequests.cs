using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Fuzz;

/// <summary>One request of a fuzz run, with what the oracle needs to judge its answer.</summary>
/// <param name="Targets">The resources the request names (collection and id), whose district a district key must own.</param>
/// <param name="BodyDistricts">Districts the body names (a project's, a subscription's…).</param>
public sealed record FuzzRequest(
    FuzzOperation Operation,
    FuzzRole Role,
    string Method,
    string Target,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<(string Name, string Value)> Headers,
    string Mutation,
    IReadOnlyList<(string Collection, string Id)> Targets,
    IReadOnlyList<string> BodyDistricts)
{
    public override string ToString() =>
        $"{Method} {(Target.Length > 160 ? Target[..160] + "…" : Target)} as {Role} [{Mutation}]"
        + $" headers {string.Join("; ", Headers.Select(h => $"{h.Name}: {(h.Value.Length > 40 ? h.Value[..40] + "…" : h.Value)}"))}"
        + $" content type {ContentType ?? "none"}"
        + (Body is null ? "" : $" body {Body.Length} B: {Preview(Body)}");

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return body.Length > 200 ? text + "…" : text;
    }
}

/// <summary>
/// Builds requests from the served OpenAPI document: first a valid one (real ids, values each field accepts), then,
/// most of the time, one or two mutations of its types, sizes, encodings, media types, Accept, charsets, headers, path,
/// query and nesting. Deterministic for a seed, given the same world.
/// </summary>
public sealed class FuzzRequests(OpenApiOperations document, FuzzWorld world, int seed)
{
    private static readonly string[] Today = [TrackerApp.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];

    private readonly Random random = new(seed);
    private readonly object gate = new();
    private int made;

    /// <summary>The CSV an import of one project in the district takes.</summary>
    public static string ImportCsv(string code, string district) =>
        "code,name,category,district,responsibleUnit,targetYear,isPublic\r\n"
        + $"{code},模糊测试导入项目,pocket-park,{district},市园林局,2027,true\r\n";

    public FuzzRequest Next()
    {
        lock (gate)
        {
            made++;
            return Build();
        }
    }

    private FuzzRequest Build()
    {
        var operation = Pick(document.All);
        var role = PickRole();
        var targets = new List<(string, string)>();
        var bodyDistricts = new List<string>();
        var projectId = PickProject(role);

        var path = new StringBuilder();
        var segments = operation.Path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            path.Append('/');
            if (segment.StartsWith('{'))
            {
                var collection = segments[i - 1];
                var value = PathValue(segment.Trim('{', '}'), collection, projectId);
                if (world.Owner(collection, value) is not null || collection == "projects")
                {
                    targets.Add((collection, value));
                }

                path.Append(Uri.EscapeDataString(value));
            }
            else
            {
                path.Append(segment);
            }
        }

        var query = new List<(string Name, string Value)>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            if (parameter.Required || random.NextDouble() < 0.35)
            {
                query.Add((parameter.Name, QueryValue(parameter.Name, operation, projectId)));
            }
        }

        var headers = new List<(string, string)>();
        if (role != FuzzRole.NoKey)
        {
            headers.Add(("X-Api-Key", world.Keys[role]!));
        }

        if (operation.Method == "POST" && random.NextDouble() < 0.2)
        {
            headers.Add(("Idempotency-Key", Guid.NewGuid().ToString()));
        }

        byte[]? body = null;
        string? contentType = null;
        if (operation.Bodies.Count > 0)
        {
            contentType = Pick(operation.Bodies.Keys.ToList());
            if (contentType == "text/csv")
            {
                var district = world.DistrictOf(role) ?? Pick([world.DistrictA, world.DistrictB]);
                bodyDistricts.Add(district);
                body = Encoding.UTF8.GetBytes(ImportCsv(Scenario.NewCode(), district));
            }
            else if (contentType.Contains("json", StringComparison.Ordinal))
            {
                var json = Value(document.Resolve(operation.Bodies[contentType]), "", operation, role, projectId, 0);
                if (operation.Method == "PATCH" && json is JsonObject patch)
                {
                    // A merge patch names a few fields; the code never changes, and a move to another district is the admin's.
                    foreach (var name in patch.Select(p => p.Key).ToList())
                    {
                        if (name is "code" or "district" || random.NextDouble() < 0.7)
                        {
                            patch.Remove(name);
                        }
                    }
                }

                CollectDistricts(json, bodyDistricts);
                body = Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null");
            }
            else
            {
                body = Encoding.UTF8.GetBytes("PK\u0003\u0004 not really a workbook");
            }
        }

        var method = operation.Method;
        var mutations = new List<string>();
        var count = random.NextDouble() < 0.3 ? 0 : random.Next(1, 3);
        for (var m = 0; m < count; m++)
        {
            mutations.Add(Mutate(ref method, path, query, headers, ref body, ref contentType, bodyDistricts));
        }

        // A mutation may have spoilt or doubled the key: the request is then judged as one without a valid key.
        var keys = headers.Where(h => h.Item1 == "X-Api-Key").Select(h => h.Item2).ToList();
        role = keys.Count == 0
            ? FuzzRole.NoKey
            : keys.Count == 1 && world.Keys.FirstOrDefault(k => k.Value == keys[0]).Key is var holder && world.Keys[holder] == keys[0] ? holder : FuzzRole.WrongKey;
        var target = path + (query.Count == 0 ? "" : "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Name)}={q.Value}")));
        return new FuzzRequest(operation, role, method, target, body, contentType, headers, mutations.Count == 0 ? "valid" : string.Join(", ", mutations), targets, bodyDistricts);
    }

    private FuzzRole PickRole() => random.Next(100) switch
    {
        < 30 => FuzzRole.Admin,
        < 52 => FuzzRole.DistrictA,
        < 64 => FuzzRole.DistrictB,
        < 78 => FuzzRole.Reader,
        < 86 => FuzzRole.NoKey,
        < 93 => FuzzRole.WrongKey,
        _ => FuzzRole.RevokedKey,
    };

    /// <summary>A district key aims at its own district's projects most of the time (so its writes succeed) and at the other's sometimes.</summary>
    private string PickProject(FuzzRole role)
    {
        var own = world.DistrictOf(role);
        var candidates = world.Projects.Where(p => own is null || (p.Value == own) == (random.NextDouble() < 0.75)).Select(p => p.Key).Order().ToList();
        return candidates.Count > 0 ? Pick(candidates) : world.Projects.Keys.Order().First();
    }

    private string PathValue(string name, string collection, string projectId) => (name, collection) switch
    {
        ("id", "projects") => projectId,
        ("milestoneId", _) => world.Milestones.TryGetValue(projectId, out var milestones) ? Pick(milestones) : Guid.NewGuid().ToString(),
        ("code", "districts") => Pick([world.DistrictA, world.DistrictB, $"8{random.Next(10000, 99999)}"]),
        ("code", "by-code") => Pick(world.ProjectCodes.Order().ToList()),
        ("isoWeek", _) => Pick(["2026-W20", "2026-W24", "2026-W25", "2025-W52", "2026-W01"]),
        ("year", _) => Pick(["2026", "2027"]),
        _ when world.Resources.TryGetValue(collection, out var ids) && !ids.IsEmpty => Pick(ids.Keys.Order().ToList()),
        _ => Guid.NewGuid().ToString(),
    };

    private string QueryValue(string name, FuzzOperation operation, string projectId) => name switch
    {
        "district" => Pick([world.DistrictA, world.DistrictB]),
        "category" => Pick(["ring-road", "pocket-park", "rail-transit"]),
        "rag" or "severity" => Pick(["green", "amber", "red"]),
        "planPeriod" => Pick(["14th", "15th"]),
        "targetYear" or "year" => Pick(["2026", "2027"]),
        "status" => Pick(["pending", "approved", "rejected", "active", "closed", "sent", "failed", "delivered", "accepted"]),
        "projectId" => projectId,
        "q" => Uri.EscapeDataString("路"),
        "code" => Pick(world.ProjectCodes.Order().ToList()),
        "page" => random.Next(1, 4).ToString(CultureInfo.InvariantCulture),
        "pageSize" => Pick(["1", "10", "50", "500"]),
        "withinDays" => random.Next(0, 90).ToString(CultureInfo.InvariantCulture),
        "asOf" => Pick(["2026-06-01", "2026-06-15T08:00:00%2B08:00", "2025-12-31"]),
        "after" => random.Next(0, 50).ToString(CultureInfo.InvariantCulture),
        "limit" => random.Next(1, 200).ToString(CultureInfo.InvariantCulture),
        "format" => operation.Path.Contains("template", StringComparison.Ordinal) ? Pick(["csv", "xlsx"]) : Pick(["json", "html", "csv", "xlsx"]),
        "table" => Pick(["districts", "red-projects", "completed"]),
        "kind" => operation.Path.Contains("alerts", StringComparison.Ordinal) ? Pick(["deadline", "overdue"]) : Pick(["projects", "proposals"]),
        "groupBy" => Pick(["district", "category", "plan-period"]),
        _ => "x",
    };

    /// <summary>A value the schema accepts, by the field's name where that says more than its type.</summary>
    private JsonNode? Value(JsonNode? schema, string name, FuzzOperation operation, FuzzRole role, string projectId, int depth)
    {
        var node = document.Resolve(schema) as JsonObject;
        if (node?["enum"] is JsonArray values)
        {
            return JsonValue.Create(Pick(values.Select(v => v!.GetValue<string>()).ToList()));
        }

        if (ByName(name, operation, role, projectId) is { } known)
        {
            return known;
        }

        var type = node?["type"]?.GetValue<string>() ?? (node?["properties"] is not null ? "object" : null);
        return type switch
        {
            "object" when depth < 4 => Object(node!, operation, role, projectId, depth),
            "array" when depth < 4 => new JsonArray(Value(node!["items"], Singular(name), operation, role, projectId, depth + 1)),
            "string" => node!["format"]?.GetValue<string>() switch
            {
                "date" => DateNear(0, 60),
                "date-time" => JsonValue.Create("2026-06-15T10:00:00+08:00"),
                "uuid" => JsonValue.Create(projectId),
                _ => JsonValue.Create($"模糊测试{made}"),
            },
            "integer" => JsonValue.Create(random.Next(1, 100)),
            "number" => JsonValue.Create(Math.Round(random.NextDouble() * 1000, 1)),
            "boolean" => JsonValue.Create(random.NextDouble() < 0.5),
            _ => null,
        };
    }

    private JsonObject Object(JsonObject schema, FuzzOperation operation, FuzzRole role, string projectId, int depth)
    {
        var result = new JsonObject();
        foreach (var (property, propertySchema) in schema["properties"] as JsonObject ?? [])
        {
            result[property] = Value(propertySchema, property, operation, role, projectId, depth + 1);
        }

        return result;
    }

    private JsonNode? ByName(string name, FuzzOperation operation, FuzzRole role, string projectId) => name switch
    {
        "code" => JsonValue.Create(Scenario.NewCode()),
        "district" => JsonValue.Create(world.DistrictOf(role) is { } own && random.NextDouble() < 0.8 ? own : Pick([world.DistrictA, world.DistrictB])),
        "email" or "contactEmail" => JsonValue.Create(FuzzWorld.Email),
        "url" => JsonValue.Create(Pick(["http://10.20.30.40/hooks", "https://192.168.1.10/x", "https://hooks.example.gov.cn/pt"])),
        "eventTypes" => random.NextDouble() < 0.7 ? null : new JsonArray("milestone-completed"),
        "milestoneId" => JsonValue.Create(world.Milestones.TryGetValue(projectId, out var milestones) ? Pick(milestones) : Guid.NewGuid().ToString()),
        "projectId" => JsonValue.Create(projectId),
        "role" when operation.Path.Contains("api-keys", StringComparison.Ordinal) => JsonValue.Create("reader"),
        "reportDate" or "actualDate" => DateNear(-10, 0),
        "baselineDate" or "forecastDate" or "newBaselineDate" => DateNear(1, 400),
        "percentComplete" => JsonValue.Create(random.Next(0, 101)),
        "targetYear" or "year" => JsonValue.Create(random.Next(2026, 2031)),
        "totalInvestment" or "investmentToDate" or "investmentThisYear" or "fundsInPlace" or "plannedInvestment" => JsonValue.Create(random.Next(100, 200_000)),
        "planPeriod" => JsonValue.Create(Pick(["14th", "15th"])),
        "responsibleUnit" => JsonValue.Create("市交通运输局"),
        _ => null,
    };

    private JsonNode DateNear(int fromDays, int toDays) =>
        JsonValue.Create(TrackerApp.Today.AddDays(random.Next(fromDays, toDays + 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))!;

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

    // A body whose bytes were mutated before may hold text that is no UTF-8 (nor UTF-16): it names no district.
    private static bool TryText(JsonValue value, out string text)
    {
        try
        {
            return value.TryGetValue(out text!);
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private void CollectDistricts(JsonNode? json, List<string> districts)
    {
        if (json is JsonObject node)
        {
            foreach (var (name, value) in node)
            {
                if (name == "district" && value is JsonValue v && TryText(v, out var district))
                {
                    districts.Add(district);
                }
                else if (name == "projectId" && value is JsonValue p && TryText(p, out var id) && world.Projects.TryGetValue(id, out var owner))
                {
                    districts.Add(owner);
                }

                CollectDistricts(value, districts);
            }
        }
    }

    private string Mutate(ref string method, StringBuilder path, List<(string Name, string Value)> query, List<(string, string)> headers,
        ref byte[]? body, ref string? contentType, List<string> bodyDistricts)
    {
        switch (random.Next(9))
        {
            case 0 when body is not null:
                return MutateJson(ref body, bodyDistricts);
            case 1 when body is not null:
                return MutateBytes(ref body);
            case 2:
                var (newType, label) = Pick<(string?, string)>(
                [
                    (null, "no content type"), ("text/plain", "text/plain"), ("application/xml", "xml"), ("multipart/form-data; boundary=x", "multipart"),
                    ("application/json; charset=nope", "unknown charset"), ("application/json; charset=utf-16", "utf-16"), ("application/json; charset=\"utf-8\"", "quoted charset"),
                    ("application/merge-patch+json", "merge-patch"), ("???", "garbage type"), ("text/csv", "csv type"),
                    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx type"), ("application/json; charset=utf-8; x=\"", "broken parameter"),
                ]);
                contentType = newType;
                body ??= "{}"u8.ToArray();
                return $"content type: {label}";
            case 3:
                headers.Add(("Accept", Pick(["text/html", "text/csv", "application/xml", "image/png", "*/*", "application/json;q=0", "x/y, text/plain;q=0.5", ";;;", "application/problem+xml"])));
                return "accept";
            case 4:
                var (header, value) = Pick<(string, string)>(
                [
                    ("If-Match", "\"abc\""), ("If-Match", "\"-1\""), ("If-Match", "W/\"1\""), ("If-Match", "\"1\", \"2\""), ("If-Match", "*"), ("If-Match", "\"99999999999999999999\""),
                    ("If-None-Match", "\"1\""), ("Idempotency-Key", ""), ("Idempotency-Key", new string('k', 300)), ("Idempotency-Key", "a b"),
                    ("X-Api-Key", world.Keys[FuzzRole.Admin]!), ("Prefer", "respond-async"), ("Content-Encoding", "gzip"), ("Origin", "https://evil.example"),
                    ("Range", "bytes=0-10"), ("X-Forwarded-Proto", "https"), ("Expect", "100-continue"),
                ]);
                headers.Add((header, value));
                return $"header {header}";
            case 5:
                return MutatePath(path);
            case 6:
                return MutateQuery(query);
            case 7:
                method = Pick(["HEAD", "OPTIONS", "DELETE", "PUT", "PATCH", "POST", "GET"]);
                return $"method {method}";
            default:
                headers.RemoveAll(h => h.Item1 == "X-Api-Key");
                headers.Add(("X-Api-Key", Pick([world.Keys[FuzzRole.Admin] + "x", "", "pt_" + new string('x', 2000), world.Keys[FuzzRole.Reader]!.ToUpperInvariant()])));
                return "api key";
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private string MutateJson(ref byte[] body, List<string> bodyDistricts)
    {
        JsonNode? json;
        var fields = new List<(JsonObject Parent, string Name)>();
        try
        {
            // The parser leaves strings undecoded until read: bytes that are not UTF-8 must fail here (DecoderFallbackException).
            _ = StrictUtf8.GetCharCount(body);
            json = JsonNode.Parse(body);
            Walk(json, fields);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON any more (or not UTF-8), or a field twice (a JsonObject keeps one of each): mutate the bytes instead.
            return MutateBytes(ref body);
        }

        if (fields.Count == 0 || json is null)
        {
            body = Encoding.UTF8.GetBytes(Pick(["null", "[]", "\"text\"", "42", "[{}]", "{\"a\":{\"b\":[1,2,{}]}}"]));
            bodyDistricts.Clear();
            return "other json";
        }

        var (parent, name) = Pick(fields);
        string label;
        switch (random.Next(8))
        {
            case 0:
                parent[name] = Pick<JsonNode?>([null, JsonValue.Create("text"), JsonValue.Create(12), JsonValue.Create(true), new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, JsonValue.Create(-0.5)]);
                label = $"type of {name}";
                break;
            case 1:
                parent.Remove(name);
                label = $"without {name}";
                break;
            case 2:
                parent["zz" + name] = "unknown";
                label = "unknown field";
                break;
            case 3:
                parent[name] = new string(Pick(['路', 'a', '0', ' ']), random.Next(2_000, 120_000));
                label = $"long {name}";
                break;
            case 4:
                parent[name] = Pick<JsonNode>([JsonValue.Create(1e308), JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1e-30), JsonValue.Create(decimal.MaxValue), JsonValue.Create(long.MinValue), JsonValue.Create(2147483648L)]);
                label = $"extreme number in {name}";
                break;
            case 5:
                parent[name] = Pick(["\u0000", "\ud800", "a\u0001b\u001f", "👷‍♀️🚧", "\u202eevil", "2026-02-30", "9999-12-31", "0001-01-01", "2026-6-1", "   ", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "%s%n", "../../etc/passwd"]);
                label = $"odd text in {name}";
                break;
            case 6:
                var deep = random.Next(50, 3000);
                var text = new StringBuilder(body.Length + (deep * 2));
                parent[name] = "__DEEP__";
                text.Append(json.ToJsonString()).Replace("\"__DEEP__\"", new string('[', deep) + new string(']', deep));
                body = Encoding.UTF8.GetBytes(text.ToString());
                return $"nesting {deep} deep in {name}";
            default:
                var raw = json.ToJsonString();
                body = Encoding.UTF8.GetBytes(raw.Length > 1 ? raw[..^1] + $",\"{name}\":\"again\"}}" : raw);
                return $"{name} twice";
        }

        if (name == "district")
        {
            bodyDistricts.Clear();
            CollectDistricts(json, bodyDistricts);
        }

        body = Encoding.UTF8.GetBytes(json.ToJsonString());
        return label;
    }

    private static void Walk(JsonNode? node, List<(JsonObject, string)> fields)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                fields.Add((obj, name));
                Walk(value, fields);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Walk(item, fields);
            }
        }
    }

    private string MutateBytes(ref byte[] body)
    {
        switch (random.Next(6))
        {
            case 0:
                body = body[..(body.Length / 2)];
                return "truncated";
            case 1:
                body = [0xEF, 0xBB, 0xBF, .. body];
                return "BOM";
            case 2:
                var at = random.Next(body.Length + 1);
                body = [.. body[..at], 0xC3, 0x28, 0xFF, .. body[at..]];
                return "invalid UTF-8";
            case 3:
                body = [];
                return "empty body";
            case 4:
                body = new byte[(1024 * 1024) + random.Next(1, 4096)];
                body.AsSpan().Fill((byte)' ');
                body[0] = (byte)'{';
                body[^1] = (byte)'}';
                return "over the size cap";
            default:
                body = [.. body, 0x00, .. "{}"u8];
                return "trailing bytes";
        }
    }

    private string MutatePath(StringBuilder path)
    {
        var segments = path.ToString().Split('/');
        var at = random.Next(3, Math.Max(4, segments.Length));
        // Not %00: Kestrel refuses a path holding NUL itself, before the application, with an empty 400 no middleware can shape.
        var replacement = Pick([Guid.NewGuid().ToString(), "00000000-0000-0000-0000-000000000000", "not-a-guid", new string('9', 3000), "%01", "..%2F..%2Fhangfire", "%FF%FE", "%E8%B7%AF", "-1", "1e309", ""]);
        if (at < segments.Length)
        {
            segments[at] = replacement;
        }

        path.Clear().Append(string.Join('/', segments));
        if (random.NextDouble() < 0.3)
        {
            path.Append('/');
        }

        return "path";
    }

    private string MutateQuery(List<(string Name, string Value)> query)
    {
        var junk = Pick(["-1", "0", "99999999999", "abc", "%00", new string('x', 3000), "%EF%BC%91%EF%BC%92", "9999-12-31", "0001-01-01", "2026-13-01", "now", "true", "1.5", "%26%3D"]);
        switch (random.Next(3))
        {
            case 0 when query.Count > 0:
                var repeated = Pick(query);
                query.Add((repeated.Name, repeated.Value));
                return $"{repeated.Name} twice";
            case 1 when query.Count > 0:
                var index = random.Next(query.Count);
                query[index] = (query[index].Name, junk);
                return $"junk {query[index].Name}";
            default:
                query.Add((Pick(["asOf", "page", "pageSize", "zz", "district", "format", "api_key"]), junk));
                return "junk parameter";
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
