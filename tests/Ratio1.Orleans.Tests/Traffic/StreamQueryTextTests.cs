using Microsoft.Extensions.Logging.Abstractions;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Schema;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// Our PostgreSQL texts for Orleans' ADO.NET streams meet the provider's contract: claim order and receipts,
/// confirmation, release, failure, eviction, and the column types the provider casts to directly.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StreamQueryTextTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Queued_messages_are_claimed_oldest_first_with_the_attempt_counted()
    {
        var queue = await NewQueueAsync();
        var ids = new[] { await queue.QueueAsync([1]), await queue.QueueAsync([2]), await queue.QueueAsync([3]) };

        var claimed = await queue.GetAsync(maxCount: 2);

        Assert.Equal(ids[..2], claimed.Select(r => (long)r["MessageId"]));
        Assert.All(claimed, r => Assert.Equal(1, r["Dequeued"]));
        Assert.Equal(new byte[] { 1 }, claimed[0]["Payload"]);
    }

    [Fact]
    public async Task Claimed_rows_have_the_types_the_provider_casts_to()
    {
        var queue = await NewQueueAsync();
        await queue.QueueAsync([7]);

        var row = Assert.Single(await queue.GetAsync());

        Assert.Equal(
            ["ServiceId", "ProviderId", "QueueId", "MessageId", "Dequeued", "VisibleOn", "ExpiresOn", "CreatedOn", "ModifiedOn", "Payload"],
            row.Keys);
        Assert.Equal(
            [typeof(string), typeof(string), typeof(string), typeof(long), typeof(int), typeof(DateTime), typeof(DateTime), typeof(DateTime), typeof(DateTime), typeof(byte[])],
            row.Values.Select(v => v.GetType()));
    }

    [Fact]
    public async Task A_claimed_message_stays_hidden_from_the_next_claim_until_its_visibility_timeout()
    {
        var queue = await NewQueueAsync();
        var first = await queue.QueueAsync([1]);
        await queue.GetAsync(maxCount: 1);
        var second = await queue.QueueAsync([2]);

        var next = await queue.GetAsync();

        Assert.Equal([second], next.Select(r => (long)r["MessageId"]));
        Assert.Equal([first, second], await queue.IdsInAsync("stream_message"));
    }

    [Fact]
    public async Task A_confirmation_deletes_a_message_only_when_its_receipt_matches()
    {
        var queue = await NewQueueAsync();
        var confirmed = await queue.QueueAsync([1]);
        var stale = await queue.QueueAsync([2]);
        await queue.GetAsync();

        var acknowledged = await queue.ConfirmAsync((confirmed, 1), (stale, 2));

        Assert.Equal([confirmed], acknowledged.Select(r => (long)r["MessageId"]));
        Assert.Equal([stale], await queue.IdsInAsync("stream_message"));
    }

    [Fact]
    public async Task A_release_makes_the_message_visible_again_and_keeps_it_queued()
    {
        var queue = await NewQueueAsync();
        var id = await queue.QueueAsync([1]);
        await queue.GetAsync();

        var released = await queue.ConfirmAsync((id, -1));
        var again = await queue.GetAsync();

        Assert.Equal([id], released.Select(r => (long)r["MessageId"]));
        Assert.Equal([(id, 2)], again.Select(r => ((long)r["MessageId"], (int)r["Dequeued"])));
    }

    [Fact]
    public async Task A_failed_message_with_attempts_left_is_offered_again()
    {
        var queue = await NewQueueAsync();
        var id = await queue.QueueAsync([1]);
        await queue.GetAsync();

        await queue.FailAsync(id, maxAttempts: 5);

        Assert.Equal([id], (await queue.GetAsync()).Select(r => (long)r["MessageId"]));
    }

    [Fact]
    public async Task A_failed_message_that_used_its_attempts_goes_to_the_dead_letters()
    {
        var queue = await NewQueueAsync();
        var id = await queue.QueueAsync([1]);
        await queue.GetAsync(maxAttempts: 1);

        await queue.FailAsync(id, maxAttempts: 1);

        Assert.Empty(await queue.IdsInAsync("stream_message"));
        Assert.Equal([id], await queue.IdsInAsync("stream_dead_letter"));
    }

    [Fact]
    public async Task The_claim_moves_expired_messages_to_the_dead_letters_once_per_eviction_interval()
    {
        var queue = await NewQueueAsync();
        var expired = await queue.QueueAsync([1], expiryTimeout: 0);
        await queue.GetAsync(evictionInterval: 3600);
        var expiredLater = await queue.QueueAsync([2], expiryTimeout: 0);

        var claimed = await queue.GetAsync(evictionInterval: 3600);

        Assert.Empty(claimed);
        Assert.Equal([expired], await queue.IdsInAsync("stream_dead_letter"));
        Assert.Equal([expiredLater], await queue.IdsInAsync("stream_message"));
    }

    [Fact]
    public async Task The_claim_purges_dead_letters_past_their_removal_time()
    {
        var queue = await NewQueueAsync();
        await queue.QueueAsync([1], expiryTimeout: 0);
        await queue.GetAsync(removalTimeout: 0, evictionInterval: 0);

        await queue.GetAsync(evictionInterval: 0);

        Assert.Empty(await queue.IdsInAsync("stream_dead_letter"));
    }

    [Fact]
    public async Task The_eviction_texts_the_provider_requires_do_what_the_claim_does()
    {
        var queue = await NewQueueAsync();
        var expired = await queue.QueueAsync([1], expiryTimeout: 0);
        var live = await queue.QueueAsync([2]);

        await queue.EvictMessagesAsync(removalTimeout: 0);
        await queue.ExecuteAsync("UPDATE stream_dead_letter SET remove_on = now() - interval '1 second'");
        var deadBeforePurge = await queue.IdsInAsync("stream_dead_letter");
        await queue.EvictDeadLettersAsync();

        Assert.Equal([expired], deadBeforePurge);
        Assert.Equal([live], await queue.IdsInAsync("stream_message"));
        Assert.Empty(await queue.IdsInAsync("stream_dead_letter"));
    }

    private async Task<StreamQueryTexts> NewQueueAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await new SchemaMigrator(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        return new StreamQueryTexts(connectionString);
    }
}
