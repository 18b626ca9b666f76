using System.Text;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Tests.Validation;

/// <summary>Which field of a JSON body a NUL is reported on: the one a client has to fix.</summary>
public sealed class StorableTextTests
{
    [Theory]
    [InlineData("""{"name":"a\u0000b"}""", "name")]
    [InlineData("""{"reason":"ok","changes":[{"reason":"ok"},{"milestoneId":"x","reason":"\u0000"}]}""", "changes[1].reason")]
    [InlineData("""{"eventTypes":["a","b","\u0000"]}""", "eventTypes[2]")]
    [InlineData("""{"a":{"b":[1,true,null,{"c":"\u0000"}]}}""", "a.b[3].c")]
    [InlineData("""["x","\u0000"]""", "[1]")]
    [InlineData("\"\\u0000\"", "body")]
    public void The_field_holding_a_nul_is_named_by_its_path(string json, string field) =>
        Assert.Equal(field, StorableText.FieldHoldingNul(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"name":"a\\u0000b"}""")]
    [InlineData("""{"name":"plain"}""")]
    [InlineData("""{"name":"\u0000""")]
    public void Text_that_only_looks_like_the_escape_or_broken_json_names_nothing(string json) =>
        Assert.Null(StorableText.FieldHoldingNul(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_nul_beside_bytes_that_are_not_utf8_names_nothing_and_throws_nothing()
    {
        byte[] json = [.. "{\"name\":\"\\u0000"u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Null(StorableText.FieldHoldingNul(json));
    }
}
