package com.codexmanager.account;

import java.util.List;

/**
 * A metadata change of {@code account/update}. {@code null} fields stay unchanged; for group and note, which may
 * be cleared, the {@code …Set} flags say whether the key was present (then {@code null} clears). Immutable.
 */
public record AccountPatch(String label, boolean groupNameSet, String groupName, List<String> tags,
        boolean noteSet, String note, Integer sort, AccountStatus status) {
    public AccountPatch {
        label = AccountFields.optional("label", label, AccountDraft.MAX_LABEL);
        groupName = AccountFields.optional("groupName", groupName, AccountDraft.MAX_GROUP);
        note = note == null || note.isBlank() ? null : AccountFields.limit("note", note, AccountDraft.MAX_NOTE);
        tags = tags == null ? null : AccountFields.tags(tags);
        if (status != null && status != AccountStatus.ACTIVE && status != AccountStatus.DISABLED) {
            throw new IllegalArgumentException("status: must be active or disabled");
        }
    }
}
