using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Imports;

[Collection(ApiCollection.Name)]
public sealed class ImportTests(TrackerApp app)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Header = "code,name,category,district,responsibleUnit,contactEmail,leadOfficial,totalInvestment,planPeriod,targetYear,cluster,sector,programme,isPublic,description";

    // Every column, in the template's order: unit and system (issue 18) stand beside the free text they refine.
    private const string TemplateHeader = "code,name,category,district,responsibleUnit,unit,contactEmail,leadOfficial,totalInvestment,planPeriod,targetYear,cluster,sector,system,programme,isPublic,description,scope,location";

    private readonly Scenario given = new(app);

    private static string Row(string code, string district, string category = "ring-road") =>
        $"{code},\"东环路快速化改造, 一期\",{category},{district},市交通运输局,pm@example.gov.cn,张三,125000.5,14th,2027,,,,true,\"全线\"\"快速化\"\"改造\"";

    private static string Csv(params string[] rows) => "\uFEFF" + string.Join("\r\n", [Header, .. rows]) + "\r\n";

    private static Task<HttpResponseMessage> Import(HttpClient client, string csv, string kind = "projects") =>
        Import(client, Encoding.UTF8.GetBytes(csv), "text/csv", kind);

    private static async Task<HttpResponseMessage> Import(HttpClient client, byte[] body, string mediaType, string kind = "projects")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PostAsync($"/api/v1/imports?kind={kind}", content);
    }

    private async Task<bool> Exists(string code) =>
        (await given.Admin.GetAsync($"/api/v1/projects/by-code/{code}")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task A_csv_of_three_projects_registers_all_three_with_their_history()
    {
        var district = await given.NewDistrict();
        string[] codes = [Scenario.NewCode(), Scenario.NewCode(), Scenario.NewCode()];

        var response = await Import(given.Admin, Csv([.. codes.Select(c => Row(c, district))]));

        var result = await response.Expect(HttpStatusCode.Created);
        Assert.Equal("projects", result.Str("kind"));
        Assert.Equal(3, result.GetProperty("rows").GetInt32());
        var created = result.GetProperty("created").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], created.Select(c => c.GetProperty("row").GetInt32()));
        Assert.Equal(codes, created.Select(c => c.Str("code")));
        var project = await given.Admin.GetProject(created[0].Str("id"));
        Assert.Equal("东环路快速化改造, 一期", project.Str("name"));
        Assert.Equal("全线\"快速化\"改造", project.Str("description"));
        Assert.Equal("project-registered", Assert.Single(await given.Admin.History(created[1].Str("id"))).Str("type"));
    }

    [Fact]
    public async Task An_imported_project_starts_its_approved_plan_with_its_scope_and_it_is_the_original_plan()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();
        var csv = "\uFEFF" + Header + ",scope\r\n" + Row(code, district) + ",\"全长8.2公里，双向六车道\"\r\n";

        var created = (await (await Import(given.Admin, csv)).Expect(HttpStatusCode.Created)).GetProperty("created")[0];

        var project = await given.Admin.GetProject(created.Str("id"));
        Assert.Equal("全长8.2公里，双向六车道", project.Str("scope"));
        var original = project.GetProperty("originalPlan");
        Assert.Equal(("全长8.2公里，双向六车道", 125000.5m, 2027), (original.Str("scope"), original.GetProperty("totalInvestment").GetDecimal(), original.GetProperty("targetYear").GetInt32()));
        var patch = await given.Admin.PatchJson($"/api/v1/projects/{created.Str("id")}", new { scope = "全长9公里" });
        Assert.EndsWith("plan-change-required", (await patch.ExpectProblem(HttpStatusCode.Conflict)).Str("type"));
    }

    [Fact]
    public async Task A_location_column_of_GeoJSON_text_locates_each_imported_project()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();
        var csv = "\uFEFF" + Header + ",location\r\n" + Row(code, district) + ",\"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[112.466,34.582]}\"\r\n";

        var created = (await (await Import(given.Admin, csv)).Expect(HttpStatusCode.Created)).GetProperty("created")[0];

        var location = (await given.Admin.GetProject(created.Str("id"))).GetProperty("location");
        Assert.Equal("""{"type":"Point","coordinates":[112.466,34.582]}""", System.Text.Json.JsonSerializer.Serialize(location));
    }

    [Fact]
    public async Task A_location_cell_that_is_not_GeoJSON_or_not_a_good_geometry_is_named_by_row_and_nothing_is_registered()
    {
        var district = await given.NewDistrict();
        string[] codes = [Scenario.NewCode(), Scenario.NewCode()];
        var csv = "\uFEFF" + Header + ",location\r\n"
            + Row(codes[0], district) + ",112.466 34.582\r\n"
            + Row(codes[1], district) + ",\"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[200,34.582]}\"\r\n";

        var problem = await (await Import(given.Admin, csv)).ExpectProblem(HttpStatusCode.BadRequest, "rows[2].location");

        Assert.Contains("GeoJSON geometry as text", problem.GetProperty("errors").GetProperty("rows[2].location")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("coordinates: longitude 200 is outside 73–136", problem.GetProperty("errors").GetProperty("rows[3].location")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await Exists(codes[0]));
        Assert.False(await Exists(codes[1]));
    }

    [Fact]
    public async Task One_bad_row_is_named_and_nothing_from_the_file_is_registered()
    {
        var district = await given.NewDistrict();
        string[] codes = [Scenario.NewCode(), Scenario.NewCode(), Scenario.NewCode()];

        var response = await Import(given.Admin, Csv(Row(codes[0], district), Row(codes[1], district, category: "spaceport"), Row(codes[2], district)));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest, "rows[3].category");
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        foreach (var code in codes)
        {
            Assert.False(await Exists(code), $"{code} was registered although the file had a bad row");
        }
    }

    [Fact]
    public async Task A_code_twice_in_the_file_names_both_rows()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();

        var response = await Import(given.Admin, Csv(Row(code, district), Row(Scenario.NewCode(), district), Row(code, district)));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest, "rows[2].code");
        Assert.True(problem.GetProperty("errors").TryGetProperty("rows[4].code", out _), problem.ToString());
        Assert.False(await Exists(code));
    }

    [Fact]
    public async Task An_xlsx_workbook_imports_proposals_and_projects()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();
        var rows = new[]
        {
            new Dictionary<string, object?>
            {
                ["code"] = code, ["name"] = "滨河公园", ["category"] = "ring-road", ["district"] = district,
                ["responsibleUnit"] = "市园林局", ["totalInvestment"] = 8800.5m, ["targetYear"] = 2028, ["isPublic"] = true,
                ["year"] = TrackerApp.Today.Year + 1, ["justification"] = "补齐公园短板",
            },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);

        var proposals = await (await Import(given.Admin, stream.ToArray(), Xlsx, "proposals")).Expect(HttpStatusCode.Created);
        var proposal = Assert.Single(proposals.GetProperty("created").EnumerateArray());
        var stored = await (await given.Admin.GetAsync($"/api/v1/proposals/{proposal.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal("补齐公园短板", stored.Str("justification"));
        Assert.Equal("pending", stored.Str("status"));

        using var projectsOnly = new MemoryStream();
        rows[0].Remove("year");
        rows[0].Remove("justification");
        projectsOnly.SaveAs(rows, excelType: ExcelType.XLSX);
        var projects = await (await Import(given.Admin, projectsOnly.ToArray(), Xlsx)).Expect(HttpStatusCode.Created);
        var project = await given.Admin.GetProject(Assert.Single(projects.GetProperty("created").EnumerateArray()).Str("id"));
        Assert.Equal(code, project.Str("code"));
        Assert.Equal(8800.5m, project.GetProperty("totalInvestment").GetDecimal());
    }

    [Fact]
    public async Task The_templates_download_with_the_header_row()
    {
        var csv = await given.Admin.GetAsync("/api/v1/imports/template?kind=projects&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TemplateHeader, (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd());

        var xlsx = await given.Admin.GetAsync("/api/v1/imports/template?kind=proposals&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(Xlsx, xlsx.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var header = (IDictionary<string, object?>)Assert.Single(workbook.Query(useHeaderRow: false, excelType: ExcelType.XLSX));
        Assert.Equal([.. TemplateHeader.Split(','), "year", "justification"], header.Values.Select(v => v?.ToString()));
    }

    [Fact]
    public async Task A_district_key_gets_a_row_error_for_another_districts_row_and_nothing_is_written()
    {
        var own = await given.NewDistrict();
        var other = await given.NewDistrict();
        var client = app.Client(await given.NewKey("district", own));
        string[] codes = [Scenario.NewCode(), Scenario.NewCode()];

        var response = await Import(client, Csv(Row(codes[0], own), Row(codes[1], other)));

        await response.ExpectProblem(HttpStatusCode.BadRequest, "rows[3].district");
        Assert.False(await Exists(codes[0]));
        await (await Import(client, Csv(Row(codes[0], own)))).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Readers_cannot_import_or_download_templates()
    {
        var reader = app.Client(await given.NewKey("reader"));

        await (await Import(reader, Csv(Row(Scenario.NewCode(), await given.NewDistrict())))).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/imports/template?kind=projects")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_kind_or_media_type_is_refused()
    {
        var csv = Csv(Row(Scenario.NewCode(), await given.NewDistrict()));

        await (await Import(given.Admin, csv, kind: "milestones")).ExpectProblem(HttpStatusCode.BadRequest, "kind");
        await (await Import(given.Admin, Encoding.UTF8.GetBytes(csv), "application/json")).ExpectProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_broken_workbook_or_a_non_utf8_csv_is_a_400_on_the_body()
    {
        await (await Import(given.Admin, Encoding.UTF8.GetBytes("not a workbook"), Xlsx)).ExpectProblem(HttpStatusCode.BadRequest, "body");
        byte[] latin1 = [.. Encoding.UTF8.GetBytes(Header + "\r\n"), 0xC4, 0x2C, 0xE9, 0xFF, 0x0D, 0x0A];
        await (await Import(given.Admin, latin1, "text/csv")).ExpectProblem(HttpStatusCode.BadRequest, "body");
        await (await Import(given.Admin, "name,colour\r\nx,red\r\n")).ExpectProblem(HttpStatusCode.BadRequest, "columns");
    }

    [Fact]
    public async Task The_blank_xlsx_template_sent_back_is_a_400_for_having_no_data_rows()
    {
        var template = await (await given.Admin.GetAsync("/api/v1/imports/template?kind=projects&format=xlsx")).Content.ReadAsByteArrayAsync();

        var problem = await (await Import(given.Admin, template, Xlsx)).ExpectProblem(HttpStatusCode.BadRequest, "body");

        Assert.Equal(new[] { "body" }, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("code")]
    [InlineData("CODE")]
    public async Task A_workbook_naming_a_column_twice_is_a_400_on_columns(string again)
    {
        var sheet = HandMadeWorkbook($"""<row r="1">{Cell("A1", "code")}{Cell("B1", "name")}{Cell("C1", again)}</row><row r="2">{Cell("A2", Scenario.NewCode())}{Cell("B2", "路")}{Cell("C2", "x")}</row>""");

        await (await Import(given.Admin, sheet, Xlsx)).ExpectProblem(HttpStatusCode.BadRequest, "columns");
    }

    [Fact]
    public async Task A_workbook_claiming_a_row_beyond_excels_limit_is_a_400_at_once()
    {
        // Read row by row, the two billion empty rows before it took a core for minutes.
        var sheet = HandMadeWorkbook($"""<row r="1">{Cell("A1", "code")}</row><row r="2000000000">{Cell("A2000000000", "x")}</row>""");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var problem = await (await Import(given.Admin, sheet, Xlsx)).ExpectProblem(HttpStatusCode.BadRequest, "body");

        Assert.Contains("1,048,576", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Refusing it took {clock.Elapsed}.");
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(1_048_577)]
    public async Task A_tiny_workbook_whose_rows_jump_far_down_is_a_400_at_once(int farRow)
    {
        // 1.8 kB: before, the reader walked every empty row up to it, and refused it only after seconds of a core.
        var sheet = HandMadeWorkbook($"""<row r="1">{Cell("A1", "code")}</row><row r="{farRow}">{Cell($"A{farRow}", "x")}</row>""");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await (await Import(given.Admin, sheet, Xlsx)).ExpectProblem(HttpStatusCode.BadRequest, "body");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Refusing it took {clock.Elapsed}.");
    }

    [Fact]
    public async Task A_shared_string_cell_without_a_shared_string_table_is_a_400_on_the_body()
    {
        var code = Scenario.NewCode();
        var sheet = HandMadeWorkbook($"""<row r="1">{Cell("A1", "code")}</row><row r="2">{Cell("A2", code)}</row><row r="3"><c r="A3" t="s"><v>0</v></c></row>""");

        var problem = await (await Import(given.Admin, sheet, Xlsx)).ExpectProblem(HttpStatusCode.BadRequest, "body");

        Assert.Contains("xlsx", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formatted_empty_rows_far_below_the_data_are_not_read()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();
        string[] row = [code, "东环路", "ring-road", district, "市交通运输局", "pm@example.gov.cn", "张三", "125000.5", "14th", "2027", "", "", "", "true", "全线"];
        var header = string.Concat(Header.Split(',').Select((column, i) => Cell($"{(char)('A' + i)}1", column)));
        var values = string.Concat(row.Select((value, i) => Cell($"{(char)('A' + i)}2", value)));
        // Excel writes a row element for a formatted row even when it holds nothing: such a sheet is ordinary.
        var sheet = HandMadeWorkbook($"""<row r="1">{header}</row><row r="2">{values}</row><row r="1048576" s="1" customFormat="1"><c r="A1048576" s="1"/></row>""");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var imported = await (await Import(given.Admin, sheet, Xlsx)).Expect(HttpStatusCode.Created);

        Assert.Equal(1, imported.GetProperty("rows").GetInt32());
        Assert.True(await Exists(code));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Importing it took {clock.Elapsed}.");
    }

    [Fact]
    public async Task A_workbook_that_unpacks_to_more_than_256_mb_is_a_400_before_it_is_read()
    {
        // 300 MB of one repeated character deflates to a few hundred kB: the shape of a zip bomb.
        var sheet = HandMadeWorkbook("""<row r="1"><c r="A1" t="inlineStr"><is><t>""", padding: 300 * 1024 * 1024);

        var problem = await (await Import(given.Admin, sheet, Xlsx)).ExpectProblem(HttpStatusCode.BadRequest, "body");

        Assert.Contains("256 MB", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
    }

    private static string Cell(string reference, string text) => $"""<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>""";

    /// <summary>The least xlsx a reader accepts, with the given rows in its one sheet (and, for a bomb, that many 'a's after them).</summary>
    private static byte[] HandMadeWorkbook(string rows, int padding = 0)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            sheet.Write(rows);
            if (padding > 0)
            {
                var block = new string('a', 1024 * 1024);
                for (var written = 0; written < padding; written += block.Length)
                {
                    sheet.Write(block);
                }

                sheet.Write("</t></is></c></row>");
            }

            sheet.Write("</sheetData></worksheet>");
        }

        return file.ToArray();
    }

    [Fact]
    public async Task A_csv_holding_a_nul_character_is_a_400_on_the_body_and_imports_nothing()
    {
        var code = Scenario.NewCode();
        var csv = Csv(Row(code, await given.NewDistrict())).Replace("\r\n", "\r\n\0", StringComparison.Ordinal);

        var problem = await (await Import(given.Admin, csv)).ExpectProblem(HttpStatusCode.BadRequest, "body");

        Assert.Contains("U+0000", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        var found = await (await given.Admin.GetAsync($"/api/v1/projects?code={code}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, found.GetProperty("total").GetInt64());
    }
}
