package org.liudong.security;

/**
 * A column holding {@link FieldEncryption} ciphertexts, for {@link KeyRotation}. A module registers its
 * columns as beans, e.g. {@code @Bean EncryptedColumn personIdNumber() { return new EncryptedColumn("person",
 * "id", "id_number_enc"); }}. Names are plain SQL identifiers, checked here.
 */
public record EncryptedColumn(String table, String idColumn, String column) {

    private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

    public EncryptedColumn {
        for (String name : new String[] {table, idColumn, column}) {
            if (name == null || !name.matches(IDENTIFIER)) {
                throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
            }
        }
    }
}
