import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes the photo the container build's AOT training run uploads (deploy/container/train-aot.sh):
 * 1600x1200, so that decoding and resizing run on a photo-sized image; gradients with a little
 * noise, so that the JPEG encoder has detail to keep. Run with the JDK's source launcher:
 * {@code java TrainingImage.java OUT.jpg}.
 */
public final class TrainingImage {
    public static void main(String[] args) throws IOException {
        int width = 1600;
        int height = 1200;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom noise = new SplittableRandom(18);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = x * 255 / width;
                int green = y * 255 / height;
                int blue = Math.clamp(128 + noise.nextInt(-24, 25) + (x ^ y) % 32, 0, 255);
                image.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        if (!ImageIO.write(image, "jpeg", new File(args[0]))) {
            throw new IOException("no JPEG writer");
        }
    }
}
