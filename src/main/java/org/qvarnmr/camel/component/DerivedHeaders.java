package org.qvarnmr.camel.component;

import org.apache.camel.spi.Metadata;

/** The headers of a derived-row change on {@code qvarnmr:derived} (and the older {@code direct:qvarnmr-derived}). */
public final class DerivedHeaders {
    @Metadata(description = "The derived (map or reduce target) type.", javaType = "String")
    public static final String TYPE = "QvarnMrDerivedType";
    @Metadata(description = "The row's id.", javaType = "String")
    public static final String ID = "QvarnMrDerivedId";
    @Metadata(description = "The row's _mr_key.", javaType = "String")
    public static final String KEY = "QvarnMrDerivedKey";
    @Metadata(description = "create, update or delete.", javaType = "String")
    public static final String OPERATION = "QvarnMrDerivedOperation";

    private DerivedHeaders() {
    }
}
