package io.parley.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.parley.config.Roles;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /v1/stream} adds to the server's stock WebSocket pipeline.
 * <ul>
 *   <li>One client message is at most {@value #MAX_BYTES} bytes as the server reads it: after
 *       {@code permessage-deflate} (RFC 7692) is undone and after its fragments are put together. Netty checks each
 *       frame's length on the wire only, and the stock pipeline inflates without a bound and joins fragments without
 *       one, so a 58 KB compressed frame became 60 MB of heap. A message over the limit closes the connection with
 *       1009 (message too big, RFC 6455 §7.4.1); the client resumes by sequence like after any other close.</li>
 *   <li>A client's close frame is answered with one (RFC 6455 §5.5.1) before the connection ends: the stock handler
 *       closes without an answer, or not at all, when the endpoint has an {@code @OnClose} method, so browsers waited
 *       for their close to complete and the session stayed open meanwhile.</li>
 * </ul>
 */
@Singleton
@Requires(property = "parley.roles", pattern = Roles.GATEWAY)
public class WebSocketPipeline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    /** Bytes of one client message, inflated and joined: a resume of 1,000 conversations fits with room to spare. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketPipeline.class);
    /** The name Micronaut gives its WebSocket compression handler in every HTTP/1.1 pipeline. */
    private static final String COMPRESSION = "WebSocketServerCompressionHandler";
    private static final String AGGREGATOR = "parley-stream-message-limit";
    /**
     * What the inflater may allocate for one frame: past the limit, so that a frame of exactly {@value #MAX_BYTES}
     * bytes is not refused by the inflater's look-ahead; the aggregator applies the limit itself.
     */
    private static final int INFLATE_BOUND = 2 * MAX_BYTES;

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerChannel(null));
        return event.getBean();
    }

    private record PerChannel(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new PerChannel(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(COMPRESSION) == null) {
                return;
            }
            // the inflater is put right after the compression handler at the upgrade, so the aggregator sees
            // inflated frames
            pipeline.replace(COMPRESSION, COMPRESSION, new WebSocketServerCompressionHandler(INFLATE_BOUND));
            pipeline.addAfter(COMPRESSION, AGGREGATOR, new Aggregator());
        }
    }

    /** Joins a fragmented message up to the limit; closes with 1009 past it or when one frame inflates past it. */
    private static final class Aggregator extends WebSocketFrameAggregator {
        Aggregator() {
            super(MAX_BYTES);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof CloseWebSocketFrame close) {
                int code = close.statusCode() < 0 ? WebSocketCloseStatus.NORMAL_CLOSURE.code() : close.statusCode();
                ctx.writeAndFlush(new CloseWebSocketFrame(code, "")).addListener(ChannelFutureListener.CLOSE);
                // the endpoint's @OnClose still runs
                super.channelRead(ctx, msg);
                return;
            }
            // the aggregator lets a message of one frame through unchecked
            if (msg instanceof WebSocketFrame frame && frame.isFinalFragment()
                    && !(frame instanceof ContinuationWebSocketFrame) && frame.content().readableBytes() > MAX_BYTES) {
                frame.release();
                tooBig(ctx, "inflated");
                return;
            }
            super.channelRead(ctx, msg);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
            tooBig(ctx, "fragments");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (causedBy(cause, DecompressionException.class)) {
                tooBig(ctx, "inflated");
                return;
            }
            if (cause instanceof CorruptedWebSocketFrameException corrupted) {
                // Netty's decoder has sent the close frame (1002, 1007 or 1009) and closes the connection
                LOG.info("Stream: closed {}: {}", ctx.channel().remoteAddress(), corrupted.getMessage());
                return;
            }
            super.exceptionCaught(ctx, cause);
        }

        private static boolean causedBy(Throwable cause, Class<? extends Throwable> type) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        private static void tooBig(ChannelHandlerContext ctx, String how) {
            LOG.info("Stream: closed {} with 1009, a client message over {} bytes ({})", ctx.channel().remoteAddress(),
                    MAX_BYTES, how);
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "a message is at most " + MAX_BYTES + " bytes")).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
