package io.radstream.dicom;

/**
  * The header of one data element, item or delimiter.
  *
  * @param vr     null for items and delimiters; in Implicit VR the dictionary VR (UN if unknown,
  *               SQ for any other element of undefined length)
  * @param length the value length, {@link #UNDEFINED} for undefined length
  */
record ElementHeader(int tag, Vr vr, long length) {
    static final long UNDEFINED = 0xFFFFFFFFL;

    boolean undefinedLength() {
        return length == UNDEFINED;
    }
}
