package dev.larder.benchmarks.simulator;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The trace formats of {@code shared/traces} (see its README): how each file is decompressed and
 * turned into a sequence of keys, one per access.
 *
 * <p>Thread-safety: stateless; each {@link #read} call owns its streams.
 */
enum TraceFormat {

  /** gzip; one decimal block number per line; blank lines and {@code *} markers skipped; lines trimmed (CRLF). */
  LIRS {
    @Override
    long[] parse(InputStream in, Path file) throws IOException {
      LongArrayBuilder keys = new LongArrayBuilder();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
      int lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
          continue;
        }
        keys.add(parseLong(trimmed, file, lineNumber));
      }
      return keys.toArray();
    }

    @Override
    InputStream decompress(InputStream raw) throws IOException {
      return new GZIPInputStream(raw, 1 << 16);
    }
  },

  /** zstd; lines {@code start count ignored request_no}; a line is {@code count} accesses to {@code start, start+1, ...}. */
  ARC {
    @Override
    long[] parse(InputStream in, Path file) throws IOException {
      LongArrayBuilder keys = new LongArrayBuilder();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
      int lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] fields = trimmed.split(" +");
        if (fields.length < 2) {
          throw new IOException(file + ":" + lineNumber + ": expected 'start count ...', got '" + line + "'");
        }
        long start = parseLong(fields[0], file, lineNumber);
        long count = parseLong(fields[1], file, lineNumber);
        if (count < 0) {
          throw new IOException(file + ":" + lineNumber + ": negative count " + count);
        }
        for (long i = 0; i < count; i++) {
          keys.add(start + i);
        }
      }
      return keys.toArray();
    }

    @Override
    InputStream decompress(InputStream raw) throws IOException {
      return new ZstdInputStream(raw);
    }
  },

  /** xz; big-endian signed 32-bit integers, no header. */
  INT32 {
    @Override
    long[] parse(InputStream in, Path file) throws IOException {
      return readWords(in, file, 4, false);
    }

    @Override
    InputStream decompress(InputStream raw) throws IOException {
      return new XZInputStream(raw);
    }
  },

  /** xz; big-endian unsigned 32-bit integers, no header. */
  UINT32 {
    @Override
    long[] parse(InputStream in, Path file) throws IOException {
      return readWords(in, file, 4, true);
    }

    @Override
    InputStream decompress(InputStream raw) throws IOException {
      return new XZInputStream(raw);
    }
  },

  /** gzip; big-endian 64-bit keys, no header (the Corda vault-service trace). */
  INT64 {
    @Override
    long[] parse(InputStream in, Path file) throws IOException {
      return readWords(in, file, 8, false);
    }

    @Override
    InputStream decompress(InputStream raw) throws IOException {
      return new GZIPInputStream(raw, 1 << 16);
    }
  };

  /** Reads every key of {@code file}. */
  long[] read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream in = decompress(raw)) {
      return parse(in, file);
    }
  }

  abstract InputStream decompress(InputStream raw) throws IOException;

  abstract long[] parse(InputStream in, Path file) throws IOException;

  private static long parseLong(String text, Path file, int lineNumber) throws IOException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + ":" + lineNumber + ": not a number: '" + text + "'", e);
    }
  }

  private static long[] readWords(InputStream in, Path file, int width, boolean unsigned) throws IOException {
    LongArrayBuilder keys = new LongArrayBuilder();
    byte[] buffer = new byte[1 << 16];
    int filled = 0;
    for (int read; (read = in.read(buffer, filled, buffer.length - filled)) != -1; ) {
      filled += read;
      int whole = filled - filled % width;
      for (int i = 0; i < whole; i += width) {
        long word = 0;
        for (int b = 0; b < width; b++) {
          word = (word << 8) | (buffer[i + b] & 0xFF);
        }
        if (width == 4 && !unsigned) {
          word = (int) word;
        }
        keys.add(word);
      }
      System.arraycopy(buffer, whole, buffer, 0, filled - whole);
      filled -= whole;
    }
    if (filled != 0) {
      throw new IOException(file + ": length is not a multiple of " + width + " bytes (" + filled + " trailing)");
    }
    return keys.toArray();
  }

  /** A growable {@code long[]}. Not thread-safe. */
  static final class LongArrayBuilder {
    private long[] values = new long[1 << 12];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = value;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
