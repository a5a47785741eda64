import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build tool (run as a source file: {@code java installer/IconBundle.java ICON_DIR OUT_DIR}): turns the PNGs
 * {@code codexmanager-<size>.png} of ICON_DIR into the three icon files jpackage wants, written to OUT_DIR:
 * {@code codexmanager.png} (Linux, the 256 px image), {@code codexmanager.ico} (Windows) and
 * {@code codexmanager.icns} (macOS). Both container formats simply embed the PNG bytes, which Windows Vista+ and
 * macOS 10.7+ read, so no image is decoded or rescaled here. Exits 1 when ICON_DIR lacks the 256 px image.
 */
public final class IconBundle {
    private static final String BASE_NAME = "codexmanager";

    /** ICO directory entries store sizes in one byte (0 means 256), so 256 px is the largest an ICO can hold. */
    private static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 128, 256};

    /** ICNS element types that take PNG data, by pixel size; the second type of a pair is the retina (@2x) slot. */
    private static final Map<Integer, List<String>> ICNS_TYPES = icnsTypes();

    private IconBundle() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java installer/IconBundle.java ICON_DIR OUT_DIR");
            System.exit(2);
        }
        Path iconDir = Path.of(args[0]);
        Path outDir = Path.of(args[1]);
        Path largest = png(iconDir, 256);
        if (!Files.isRegularFile(largest)) {
            System.err.println("IconBundle: missing " + largest);
            System.exit(1);
        }
        Files.createDirectories(outDir);
        Files.copy(largest, outDir.resolve(BASE_NAME + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Files.write(outDir.resolve(BASE_NAME + ".ico"), ico(iconDir));
        Files.write(outDir.resolve(BASE_NAME + ".icns"), icns(iconDir));
        System.out.println("IconBundle: wrote " + BASE_NAME + ".png/.ico/.icns from " + iconDir + " to " + outDir);
    }

    static byte[] ico(Path iconDir) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        for (int size : ICO_SIZES) {
            Path file = png(iconDir, size);
            if (Files.isRegularFile(file)) {
                sizes.add(size);
                images.add(Files.readAllBytes(file));
            }
        }
        int headerBytes = 6 + 16 * images.size();
        int total = headerBytes + images.stream().mapToInt(b -> b.length).sum();
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        int offset = headerBytes;
        for (int i = 0; i < images.size(); i++) {
            int size = sizes.get(i);
            byte dimension = (byte) (size >= 256 ? 0 : size);
            out.put(dimension).put(dimension).put((byte) 0).put((byte) 0);
            out.putShort((short) 1).putShort((short) 32);
            out.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(out::put);
        return out.array();
    }

    static byte[] icns(Path iconDir) throws IOException {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        for (Map.Entry<Integer, List<String>> entry : ICNS_TYPES.entrySet()) {
            Path file = png(iconDir, entry.getKey());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            byte[] data = Files.readAllBytes(file);
            for (String type : entry.getValue()) {
                elements.write(type.getBytes(StandardCharsets.US_ASCII));
                elements.write(ByteBuffer.allocate(4).putInt(8 + data.length).array());
                elements.write(data);
            }
        }
        ByteBuffer out = ByteBuffer.allocate(8 + elements.size());
        out.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(8 + elements.size()).put(elements.toByteArray());
        return out.array();
    }

    private static Path png(Path iconDir, int size) {
        return iconDir.resolve(BASE_NAME + "-" + size + ".png");
    }

    private static Map<Integer, List<String>> icnsTypes() {
        Map<Integer, List<String>> types = new LinkedHashMap<>();
        types.put(16, List.of("icp4"));
        types.put(32, List.of("icp5", "ic11"));
        types.put(64, List.of("icp6", "ic12"));
        types.put(128, List.of("ic07"));
        types.put(256, List.of("ic08", "ic13"));
        types.put(512, List.of("ic09", "ic14"));
        types.put(1024, List.of("ic10"));
        return types;
    }
}
