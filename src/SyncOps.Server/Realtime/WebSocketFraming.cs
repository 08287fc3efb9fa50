using System.Buffers.Binary;

namespace SyncOps.Server.Realtime;

/// <summary>
/// The header of an unfragmented, unmasked WebSocket text frame, as a server sends it (RFC 6455 section 5.2): FIN and
/// opcode 1, then the payload length in 7 bits, or 126 and 16 bits, or 127 and 64 bits, big-endian. No extension is
/// negotiated on realtime sockets (no permessage-deflate), so RSV1-3 stay clear.
/// </summary>
internal static class WebSocketFraming
{
    private const byte FinText = 0x81;

    public static int HeaderLength(int payloadLength) => payloadLength < 126 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10;

    /// <summary>Writes the header for a payload of this length; returns its length.</summary>
    public static int WriteTextHeader(Span<byte> destination, int payloadLength)
    {
        destination[0] = FinText;
        if (payloadLength < 126)
        {
            destination[1] = (byte)payloadLength;
            return 2;
        }

        if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            return 4;
        }

        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
        return 10;
    }
}
