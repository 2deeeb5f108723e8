package dev.sis.security;

import dev.sis.errors.ForbiddenException;
import dev.sis.image.Transform;
import dev.sis.image.VariantSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What stops abuse by arbitrary sizes: an optional allow-list of variant sizes
 * ({@code --sizes 300x200,100x}) and optional signed variant URLs ({@code --signing-key}).
 * With sizes, the free-valued operations (crop, bg, blur, sharpen) are refused too.
 * Originals are never restricted. Both checks answer {@link ForbiddenException}; the legacy
 * routes turn that into their 404. Thread-safe.
 */
public final class VariantPolicy {
    private final Set<String> sizes;
    private final UrlSigner signer;

    /**
     * @param sizes  allowed {@code WxH} pairs ({@code W} or {@code H} empty for "not given"), or
     *               an empty set for any size
     * @param signer the URL signer, or {@code null} when variant URLs need no signature
     */
    public VariantPolicy(Set<String> sizes, UrlSigner signer) {
        this.sizes = Set.copyOf(sizes);
        this.signer = signer;
    }

    public static VariantPolicy open() {
        return new VariantPolicy(Set.of(), null);
    }

    /**
     * @param path  the request's path as sent
     * @param query the request's query parameters, decoded
     * @throws ForbiddenException when the size is not allowed or the signature is missing or wrong
     */
    public void check(VariantSpec spec, String path, Map<String, List<String>> query) {
        if (!sizes.isEmpty() && (spec.width() != 0 || spec.height() != 0) && !sizes.contains(sizeOf(spec))) {
            throw new ForbiddenException("this server makes only the sizes " + String.join(", ", sizes.stream().sorted().toList()));
        }
        if (!sizes.isEmpty() && freeValued(spec.transform())) {
            // Each of these takes countless values, so each would be a variant to make and keep:
            // an allow-list of sizes that let them through would not bound the variants.
            throw new ForbiddenException("this server makes only the sizes " + String.join(", ", sizes.stream().sorted().toList())
                    + ", without crop, bg, blur or sharpen (rotate, flip, fit=pad and dpr within those sizes are allowed)");
        }
        checkSignature(path, query);
    }

    /**
     * The signature check alone, for a variant the operator named ({@code ?preset=}), which
     * {@code --sizes} does not restrict.
     *
     * @throws ForbiddenException when the signature is missing or wrong
     */
    public void checkSignature(String path, Map<String, List<String>> query) {
        if (signer != null) {
            List<String> sig = query.get(UrlSigner.PARAM);
            if (sig == null || sig.size() != 1 || !signer.verify(path, query, sig.getFirst())) {
                throw new ForbiddenException("variant URLs on this server must be signed: the sig parameter is missing or wrong");
            }
        }
    }

    private static boolean freeValued(Transform t) {
        return t.crop() != null || t.background() != null || t.blurTenths() != 0 || t.sharpenTenths() != 0;
    }

    private static String sizeOf(VariantSpec spec) {
        return (spec.width() == 0 ? "" : Integer.toString(spec.width())) + "x"
                + (spec.height() == 0 ? "" : Integer.toString(spec.height()));
    }
}
