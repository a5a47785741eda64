package com.codexmanager.cli;

import com.codexmanager.config.Setting;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.store.DatabaseCopy;
import java.util.Map;

/**
 * Re-encrypts the sealed columns of a {@link DatabaseCopy} from one key to another: account tokens and proxy passwords, the Azure
 * api-key of platform keys and the sensitive app settings, each opened and sealed again with the context its owner
 * uses (the row id and column), so the copied rows open exactly as the originals did. Thread-safe (the boxes are).
 */
final class SealedColumns implements DatabaseCopy.Resealer {
    private static final String SETTING_PREFIX = "sealed:";

    private final SecretBox from;
    private final SecretBox to;

    SealedColumns(SecretBox from, SecretBox to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public Object reseal(String table, String column, Object value, Map<String, Object> row) {
        if (!(value instanceof String text)) {
            return value;
        }
        return switch (table + "." + column) {
            case "accounts.access_token_enc" -> again(text, row.get("id") + "/access_token");
            case "accounts.refresh_token_enc" -> again(text, row.get("id") + "/refresh_token");
            case "accounts.id_token_enc" -> again(text, row.get("id") + "/id_token");
            case "accounts.proxy_password_enc" -> again(text, row.get("id") + "/proxy_password");
            case "platform_keys.azure_api_key_sealed" -> again(text, "platform_key/" + row.get("id") + "/azure_api_key");
            case "app_settings.setting_value" -> setting(text, String.valueOf(row.get("setting_key")));
            default -> value;
        };
    }

    private Object setting(String value, String key) {
        if (!value.startsWith(SETTING_PREFIX)) {
            return value;
        }
        return Setting.find(key)
                .map(setting -> SETTING_PREFIX + again(value.substring(SETTING_PREFIX.length()),
                        "app_settings/" + setting.name()))
                .orElse(value);
    }

    /** A value that does not open under the source key either stays as it is: it was unreadable already. */
    private String again(String sealed, String context) {
        try {
            return to.seal(from.open(sealed, context), context);
        } catch (SecretUnavailableException e) {
            return sealed;
        }
    }
}
