using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Ratio1 addresses: 0xai_ + base64url of the compressed public key.</summary>
public sealed class AddressTests
{
    private const string SdkAddress = "0xai_AuN2SENcYNzRgbPUHVCFe6W1q-vieUKap2VY9mU_Fljy";

    [Fact]
    public void An_address_parses_to_its_key_and_back()
    {
        Assert.True(Ratio1Address.TryParse(SdkAddress, out var key));

        Assert.Equal(33, key.Length);
        Assert.Equal(SdkAddress, Ratio1Address.FromPublicKey(key));
    }

    [Fact]
    public void An_address_without_prefix_as_whitelists_store_it_is_accepted()
    {
        Assert.True(Ratio1Address.TryParse(SdkAddress["0xai_".Length..], out var key));

        Assert.Equal(SdkAddress, Ratio1Address.FromPublicKey(key));
        Assert.Equal(SdkAddress, Ratio1Address.Normalize(SdkAddress["0xai_".Length..]));
    }

    [Fact]
    public void The_old_aixp_prefix_is_accepted()
    {
        Assert.True(Ratio1Address.TryParse("aixp_" + SdkAddress["0xai_".Length..], out var key));

        Assert.Equal(SdkAddress, Ratio1Address.FromPublicKey(key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0xai_")]
    [InlineData("0xai_not base64!")]
    [InlineData("0xai_AuN2SENcYNzRgbPUHVCFe6W1q-vieUKap2VY9mU_Flj")]
    [InlineData("0xai_BuN2SENcYNzRgbPUHVCFe6W1q-vieUKap2VY9mU_Fljy")]
    [InlineData("0xai_AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_that_is_not_a_point_on_the_curve_is_refused(string? address)
    {
        Assert.False(Ratio1Address.TryParse(address, out _));
        Assert.False(Ratio1Address.IsValid(address));
    }

    [Fact]
    public void A_new_identity_address_is_0xai_and_44_base64url_characters()
    {
        using var identity = Ratio1Identity.Create();

        Assert.StartsWith("0xai_", identity.Address, StringComparison.Ordinal);
        Assert.Equal(5 + 44, identity.Address.Length);
        Assert.DoesNotContain('+', identity.Address);
        Assert.DoesNotContain('/', identity.Address);
    }

    [Fact]
    public void The_short_form_keeps_the_prefix_and_four_characters_at_each_end()
    {
        Assert.Equal("0xai_AuN2…Fljy", Ratio1Address.Short(SdkAddress));
        Assert.Equal("0xai_AuN2…Fljy", Ratio1Address.Short(SdkAddress["0xai_".Length..]));
    }
}
