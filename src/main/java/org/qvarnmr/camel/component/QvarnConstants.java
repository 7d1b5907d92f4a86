package org.qvarnmr.camel.component;

import org.apache.camel.spi.Metadata;

/** The headers of the {@code qvarn:} component. None of them is sent to Qvarn. */
public final class QvarnConstants {
    @Metadata(label = "producer", description = "The operation to perform; overrides the operation option.",
            javaType = "org.qvarnmr.camel.component.QvarnOperation")
    public static final String OPERATION = "QvarnOperation";
    @Metadata(description = "The resource's id: read by get, update and delete (else the body's id, or the body "
            + "itself when it is a string); set by create and update, and by the consumer to the changed "
            + "resource's id.", javaType = "String")
    public static final String RESOURCE_ID = "QvarnResourceId";
    @Metadata(description = "The resource's revision after create or update; on a consumed notification the "
            + "revision the change produced (null for deleted).", javaType = "String")
    public static final String REVISION = "QvarnRevision";
    @Metadata(label = "producer", description = "The search of the search operation in Qvarn 0.82's grammar, "
            + "e.g. exact/country/FI/show_all; overrides the search option.", javaType = "String")
    public static final String SEARCH = "QvarnSearch";
    @Metadata(label = "consumer", description = "created, updated or deleted.", javaType = "String")
    public static final String RESOURCE_CHANGE = "QvarnResourceChange";
    @Metadata(label = "consumer", description = "The notification's id (to delete it yourself with "
            + "deleteAfter=never).", javaType = "String")
    public static final String NOTIFICATION_ID = "QvarnNotificationId";
    @Metadata(label = "consumer", description = "The Qvarn listener the notification came from.", javaType = "String")
    public static final String LISTENER_ID = "QvarnListenerId";
    @Metadata(description = "The resource type's path name, e.g. orgs.", javaType = "String")
    public static final String RESOURCE_TYPE = "QvarnResourceType";

    private QvarnConstants() {
    }
}
