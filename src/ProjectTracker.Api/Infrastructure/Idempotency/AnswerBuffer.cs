namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// Stands in for the response body while a request with an Idempotency-Key runs: the answer is held in memory
/// so that it is stored before the client sees it (a client that sends the same key again the moment it has the
/// answer then finds it stored, not still running). An answer that outgrows the limit is not kept: what was held
/// goes out and the rest streams straight through.
/// </summary>
internal sealed class AnswerBuffer(Stream body, int limit) : Stream
{
    private readonly MemoryStream held = new();

    /// <summary>The answer outgrew the limit and went (or is going) straight to the client.</summary>
    public bool PassedThrough { get; private set; }

    /// <summary>The whole answer, while it was not passed through.</summary>
    public byte[] Held => held.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Forgets what was written, for the answer an exception handler writes instead.</summary>
    public void Discard() => held.SetLength(0);

    /// <summary>Sends what is held to the client.</summary>
    public async Task SendHeld(CancellationToken ct)
    {
        if (!PassedThrough && held.Length > 0)
        {
            held.Position = 0;
            await held.CopyToAsync(body, ct);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!PassedThrough && held.Length + buffer.Length > limit)
        {
            PassedThrough = true;
            held.Position = 0;
            held.CopyTo(body);
            held.SetLength(0);
        }

        if (PassedThrough)
        {
            body.Write(buffer);
        }
        else
        {
            held.Write(buffer);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!PassedThrough && held.Length + buffer.Length > limit)
        {
            PassedThrough = true;
            held.Position = 0;
            await held.CopyToAsync(body, cancellationToken);
            held.SetLength(0);
        }

        if (PassedThrough)
        {
            await body.WriteAsync(buffer, cancellationToken);
        }
        else
        {
            held.Write(buffer.Span);
        }
    }

    public override void Flush()
    {
        if (PassedThrough)
        {
            body.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        PassedThrough ? body.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            held.Dispose();
        }

        base.Dispose(disposing);
    }
}
