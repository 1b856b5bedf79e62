package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic time client codec: what any client (fault suite, interactive) gets beyond the load codec's checks. */
class TimeClientCodecTest {

    final List<String> events = new ArrayList<>();
    final TimeClientCodec.Events recorder = new TimeClientCodec.Events() {
        public void welcome(int clientId) { events.add("welcome " + clientId); }
        public void reply(int requestType, int replyType, ByteBuffer body, int frameBytes) {
            events.add(TimeFrames.typeName(replyType) + " to " + (requestType == TimeClientCodec.NO_FRAME ? "no frame" : TimeFrames.typeName(requestType)));
        }
        public void message(int fromId, String text) { events.add("message from " + fromId + ": " + text); }
        public void refused(TimeFrames.ErrorReply error) { events.add("refused " + error.code() + " " + error.text()); }
    };

    TimeClientCodec welcomed() throws BadReplyException {
        TimeClientCodec codec = new TimeClientCodec(1);
        codec.onInput(TimeFrames.welcome(5), recorder);
        return codec;
    }

    @Test
    void aFrameWrittenByHandIsAnsweredLikeAnyRequest() throws Exception {
        TimeClientCodec codec = welcomed();
        codec.expectReply(TimeFrames.TIME);        // e.g. a TIME with a body, sent raw
        codec.expectReply(0x7F);                   // an unknown type
        codec.expectReply(TimeClientCodec.NO_FRAME); // a bad length
        ByteBuffer replies = ByteBuffer.allocate(128)
                .put(TimeFrames.error(TimeFrames.ERR_MALFORMED, "TIME has no body"))
                .put(TimeFrames.error(TimeFrames.ERR_UNKNOWN_TYPE, "unknown"))
                .put(TimeFrames.error(TimeFrames.ERR_BAD_LENGTH, "bad length"))
                .flip();
        codec.onInput(replies, recorder);
        assertEquals(List.of("welcome 5", "ERROR to TIME", "ERROR to 0x7F", "ERROR to no frame"), events);
        assertEquals(0, codec.outstanding());
    }

    @Test
    void bytesThatAreNoFrameCanOnlyBeAnsweredByAnError() throws Exception {
        TimeClientCodec codec = welcomed();
        codec.expectReply(TimeClientCodec.NO_FRAME);
        BadReplyException e = assertThrows(BadReplyException.class, () -> codec.onInput(TimeFrames.empty(TimeFrames.SEND_OK), recorder));
        assertEquals(BadReplyException.Kind.PROTOCOL, e.kind());
        assertEquals("SEND_OK in reply to bytes that are no frame", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.expectReply(-1));
    }

    @Test
    void aRefusalIsToldWithTheServersWordsBeforeItThrows() {
        TimeClientCodec codec = new TimeClientCodec(1);
        BadReplyException e = assertThrows(BadReplyException.class,
                () -> codec.onInput(TimeFrames.error(TimeFrames.ERR_SERVER_FULL, "server full"), recorder));
        assertEquals(BadReplyException.Kind.REJECTED, e.kind());
        assertEquals(List.of("refused 4 server full"), events);
    }

    @Test
    void aFrameCutShortIsSeen() throws Exception {
        TimeClientCodec codec = welcomed();
        codec.request(TimeFrames.TIME, ByteBuffer.allocate(TimeClientCodec.EMPTY_REQUEST_BYTES));
        ByteBuffer reply = TimeFrames.timeOk(java.time.Instant.now());
        codec.onInput(reply.slice(0, 7), recorder);
        assertEquals(true, codec.hasPartialFrame());
        codec.onInput(reply.slice(7, reply.remaining() - 7), recorder);
        assertEquals(false, codec.hasPartialFrame());
        assertEquals(List.of("welcome 5", "TIME_OK to TIME"), events);
    }

    @Test
    void byeIsAnsweredByByeOkAsAReply() throws Exception {
        TimeClientCodec codec = welcomed();
        ByteBuffer out = ByteBuffer.allocate(TimeClientCodec.EMPTY_REQUEST_BYTES);
        codec.request(TimeFrames.BYE, out);
        assertEquals(TimeFrames.empty(TimeFrames.BYE), out.flip());
        codec.onInput(TimeFrames.empty(TimeFrames.BYE_OK), recorder);
        assertEquals(List.of("welcome 5", "BYE_OK to BYE"), events);
    }
}
