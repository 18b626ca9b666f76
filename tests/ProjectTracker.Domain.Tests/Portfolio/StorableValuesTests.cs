using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Domain.Tests.Portfolio;

/// <summary>Given a value that came in, when it is checked before it is stored, then it is kept or refused.</summary>
public sealed class StorableValuesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("主体结构施工中")]
    public void Text_without_a_NUL_character_can_be_stored(string? text)
    {
        Assert.True(StoredText.IsStorable(text));
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("征迁\0滞后")]
    public void Text_holding_a_NUL_character_cannot_be_stored(string text)
    {
        Assert.False(StoredText.IsStorable(text));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(35.5, true)]
    [InlineData(100, true)]
    [InlineData(-0.1, false)]
    [InlineData(100.1, false)]
    public void A_percentage_is_from_0_to_100(double percent, bool valid)
    {
        Assert.Equal(valid, Percentage.IsValid((decimal)percent));
    }

    [Fact]
    public void Money_is_never_negative_nor_beyond_ten_trillion_yuan()
    {
        Assert.True(Money.IsValid(0m));
        Assert.True(Money.IsValid(Money.Max));
        Assert.False(Money.IsValid(-0.01m));
        Assert.False(Money.IsValid(Money.Max + 0.01m));
    }

    [Fact]
    public void An_absent_amount_of_money_is_allowed_where_the_field_is_optional()
    {
        Assert.True(Money.IsValid(null));
    }
}
