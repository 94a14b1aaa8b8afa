// Finish: turns the PDF Cairo wrote into an archival, accessible one, by changing its objects with libqpdf
// and writing the whole file again (no byte search, no incremental update).
import CQPDFLoader
import Foundation
import PressKitModel

/// A PDF read into libqpdf's objects, changed through handles, written again in full.
final class QPDFDocument {
    let q: qpdf_data
    /// The bytes read: libqpdf reads them in place for as long as the document lives.
    private let buffer: UnsafeMutableBufferPointer<CChar>

    /// Loads libqpdf now (a thread with nothing else to do spares the first finish its 2–3 ms of loading).
    static func preload() { _ = pk_qpdf_load() }

    init(_ data: Data) throws {
        guard pk_qpdf_load() != 0 else {
            let reason = pk_qpdf_load_error().map { String(cString: $0) } ?? "unknown error"
            throw DiagnosticError(.internalFailure("libqpdf cannot be loaded (\(reason)): install Debian's libqpdf29 (apt-get install libqpdf29)"))
        }
        q = pk_qpdf_init()
        pk_qpdf_silence_errors(q)
        buffer = .allocate(capacity: max(1, data.count))
        _ = data.withUnsafeBytes { memcpy(buffer.baseAddress!, $0.baseAddress!, data.count) }
        if pk_qpdf_read_memory(q, "presskit.pdf", buffer.baseAddress, UInt64(data.count), nil) & QPDF_ERRORS != 0 {
            throw DiagnosticError(.internalFailure("libqpdf could not read the PDF Cairo wrote: \(lastError)"))
        }
    }

    deinit {
        var data: qpdf_data? = q
        pk_qpdf_cleanup(&data)
        buffer.deallocate()
    }

    var lastError: String {
        guard pk_qpdf_has_error(q) != 0, let e = pk_qpdf_get_error(q), let text = pk_qpdf_get_error_full_text(q, e) else { return "unknown error" }
        return String(cString: text)
    }

    var root: qpdf_oh { pk_qpdf_get_root(q) }
    var trailer: qpdf_oh { pk_qpdf_get_trailer(q) }

    // MARK: - Reading

    func key(_ object: qpdf_oh, _ key: String) -> qpdf_oh? {
        // A key that is not there reads as null: asking whether it is there first would be a fourth call.
        guard pk_qpdf_oh_is_dictionary(q, object) != 0 else { return nil }
        let value = pk_qpdf_oh_get_key(q, object, key)
        return pk_qpdf_oh_is_null(q, value) != 0 ? nil : value
    }

    /// The value of `key` in `dictionary`, known to be a dictionary (one call fewer than `key`).
    func key(inDictionary dictionary: qpdf_oh, _ key: String) -> qpdf_oh? {
        let value = pk_qpdf_oh_get_key(q, dictionary, key)
        return pk_qpdf_oh_is_null(q, value) != 0 ? nil : value
    }

    /// Whether `object` is the name `name` ("/P").
    func isName(_ object: qpdf_oh, _ name: String) -> Bool { pk_qpdf_oh_is_name_and_equals(q, object, name) != 0 }

    func name(_ object: qpdf_oh) -> String? {
        pk_qpdf_oh_is_name(q, object) != 0 ? String(cString: pk_qpdf_oh_get_name(q, object)) : nil
    }

    func integer(_ object: qpdf_oh) -> Int? { pk_qpdf_oh_is_integer(q, object) != 0 ? Int(pk_qpdf_oh_get_int_value(q, object)) : nil }

    func utf8(_ object: qpdf_oh) -> String? { pk_qpdf_oh_is_string(q, object) != 0 ? String(cString: pk_qpdf_oh_get_utf8_value(q, object)) : nil }

    /// The items of an array; a single object stands for an array of one.
    func items(_ object: qpdf_oh) -> [qpdf_oh] {
        guard pk_qpdf_oh_is_array(q, object) != 0 else { return pk_qpdf_oh_is_null(q, object) != 0 ? [] : [object] }
        return (0..<pk_qpdf_oh_get_array_n_items(q, object)).map { pk_qpdf_oh_get_array_item(q, object, $0) }
    }

    /// The keys of a dictionary, in order ("/Font", "/F1"…).
    func keys(_ dictionary: qpdf_oh) -> [String] {
        var out: [String] = []
        pk_qpdf_oh_begin_dict_key_iter(q, dictionary)
        while pk_qpdf_oh_dict_more_keys(q) != 0 { out.append(String(cString: pk_qpdf_oh_dict_next_key(q))) }
        return out
    }

    func isDictionary(_ object: qpdf_oh) -> Bool { pk_qpdf_oh_is_dictionary(q, object) != 0 }
    func isStream(_ object: qpdf_oh) -> Bool { pk_qpdf_oh_is_stream(q, object) != 0 }
    func isArray(_ object: qpdf_oh) -> Bool { pk_qpdf_oh_is_array(q, object) != 0 }
    func id(_ object: qpdf_oh) -> Int { Int(pk_qpdf_oh_get_object_id(q, object)) }

    /// The decoded bytes of a stream.
    func streamBytes(_ stream: qpdf_oh) -> [UInt8]? {
        var bytes: UnsafeMutablePointer<UInt8>?
        var length: Int = 0
        guard pk_qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, nil, &bytes, &length) == 0, let bytes else { return nil }
        defer { free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }

    /// A stream's bytes as stored, when they are Flate-compressed and nothing else (one /FlateDecode filter,
    /// no parameters): what Cairo writes for a page's content. Nil for any other stream.
    func flateBytes(_ stream: qpdf_oh) -> [UInt8]? {
        guard isStream(stream), case let dict = pk_qpdf_oh_get_dict(q, stream), key(dict, "/DecodeParms") == nil,
              let filter = key(dict, "/Filter"), name(filter) == "/FlateDecode" else { return nil }
        var bytes: UnsafeMutablePointer<UInt8>?
        var length: Int = 0
        guard pk_qpdf_oh_get_stream_data(q, stream, qpdf_dl_none, nil, &bytes, &length) == 0, let bytes else { return nil }
        defer { free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }

    /// A page's content, all its content streams decoded and joined.
    func pageContent(_ page: qpdf_oh) -> Data? {
        var bytes: UnsafeMutablePointer<UInt8>?
        var length: Int = 0
        guard pk_qpdf_oh_get_page_content_data(q, page, &bytes, &length) == 0, let bytes else { return nil }
        defer { free(bytes) }
        return Data(bytes: bytes, count: length)
    }

    var pages: [qpdf_oh] { (0..<pk_qpdf_get_num_pages(q)).map { pk_qpdf_get_page_n(q, Int($0)) } }

    // MARK: - Making and changing

    func set(_ object: qpdf_oh, _ key: String, _ value: qpdf_oh) { pk_qpdf_oh_replace_key(q, object, key, value) }
    func remove(_ object: qpdf_oh, _ key: String) { pk_qpdf_oh_remove_key(q, object, key) }
    func name(_ text: String) -> qpdf_oh { pk_qpdf_oh_new_name(q, text.hasPrefix("/") ? text : "/" + text) }
    func text(_ utf8: String) -> qpdf_oh { pk_qpdf_oh_new_unicode_string(q, utf8) }
    func integer(_ n: Int) -> qpdf_oh { pk_qpdf_oh_new_integer(q, Int64(n)) }
    func bool(_ b: Bool) -> qpdf_oh { pk_qpdf_oh_new_bool(q, b ? 1 : 0) }
    var null: qpdf_oh { pk_qpdf_oh_new_null(q) }

    func dictionary(_ pairs: [(String, qpdf_oh)]) -> qpdf_oh {
        let d = pk_qpdf_oh_new_dictionary(q)
        for (k, v) in pairs { set(d, k.hasPrefix("/") ? k : "/" + k, v) }
        return d
    }

    func array(_ items: [qpdf_oh]) -> qpdf_oh {
        let a = pk_qpdf_oh_new_array(q)
        for item in items { pk_qpdf_oh_append_item(q, a, item) }
        return a
    }

    func setItem(_ array: qpdf_oh, _ index: Int, _ value: qpdf_oh) { pk_qpdf_oh_set_array_item(q, array, Int32(index), value) }
    func removeItem(_ array: qpdf_oh, _ index: Int) { pk_qpdf_oh_erase_item(q, array, Int32(index)) }

    /// A new indirect stream holding `data`, compressed with Flate when `compress`, with `dictionary`'s keys.
    func stream(_ data: Data, _ pairs: [(String, qpdf_oh)], compress: Bool = true) -> qpdf_oh {
        let s = pk_qpdf_oh_new_stream(q)
        replaceData(s, data, compress: compress)
        let dict = pk_qpdf_oh_get_dict(q, s)
        for (k, v) in pairs { set(dict, k.hasPrefix("/") ? k : "/" + k, v) }
        return s
    }

    /// Replaces a stream's data, compressed with Flate when `compress` (the XMP stays readable as text).
    func replaceData(_ stream: qpdf_oh, _ data: Data, compress: Bool = true) {
        if compress { replaceData(stream, deflated: Flate.deflate([UInt8](data))) } else { replaceData(stream, plain: [UInt8](data)) }
    }

    /// Replaces a stream's data with bytes compressed already (`Flate.deflate`).
    func replaceData(_ stream: qpdf_oh, deflated bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { raw in pk_qpdf_oh_replace_stream_data(q, stream, raw.baseAddress, raw.count, name("/FlateDecode"), null) }
    }

    private func replaceData(_ stream: qpdf_oh, plain bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { raw in pk_qpdf_oh_replace_stream_data(q, stream, raw.baseAddress, raw.count, null, null) }
    }

    func indirect(_ object: qpdf_oh) -> qpdf_oh { pk_qpdf_make_indirect_object(q, object) }

    // MARK: - Writing

    /// The whole file, written again: PDF `version` at least, a deterministic /ID (a digest of the content,
    /// so SOURCE_DATE_EPOCH builds stay byte-identical), streams as they are (Cairo's compressed, ours
    /// compressed by us, the XMP plain), no object streams.
    func write(version: String) throws -> Data {
        guard pk_qpdf_init_write_memory(q) & QPDF_ERRORS == 0 else { throw DiagnosticError(.internalFailure("libqpdf: \(lastError)")) }
        pk_qpdf_set_deterministic_ID(q, 1)
        pk_qpdf_set_minimum_pdf_version(q, version)
        pk_qpdf_set_object_stream_mode(q, qpdf_o_disable)
        pk_qpdf_set_stream_data_mode(q, qpdf_s_preserve)
        guard pk_qpdf_write(q) & QPDF_ERRORS == 0 else { throw DiagnosticError(.internalFailure("libqpdf could not write the PDF: \(lastError)")) }
        let length = pk_qpdf_get_buffer_length(q)
        guard let bytes = pk_qpdf_get_buffer(q) else { throw DiagnosticError(.internalFailure("libqpdf wrote nothing")) }
        return Data(bytes: bytes, count: Int(length))
    }
}
