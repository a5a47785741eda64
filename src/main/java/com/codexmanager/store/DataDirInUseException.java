package com.codexmanager.store;

/** Another process holds the database. The message names that process when it could be read from the lock file. */
public final class DataDirInUseException extends StoreException {
    public DataDirInUseException(String message) {
        super("db_in_use", message, null);
    }
}
