import Foundation
import PressKitModel
import PressKitDocument

/// The XMP metadata of a PDF/A + PDF/UA file: Dublin Core title, creator, subject and language, the
/// dates and producer exactly as in the Info dictionary, and the parts of the standards the file claims.
struct XMPPacket {
    var title: String
    var language: String
    var author: String
    var subject: String
    var keywords: String
    var creatorTool: String
    var producer: String
    /// ISO 8601 with an offset, the same instant as the Info dictionary's dates.
    var date: String
    var claims: Conformance

    /// The packet, as UTF-8, with its padding for in-place editing.
    var data: Data {
        func x(_ s: String) -> String {
            s.xmlEscaped(quotes: true)
        }
        var body = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
            xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
            xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
            xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
            xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
           <dc:format>application/pdf</dc:format>
           <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(x(title))</rdf:li><rdf:li xml:lang="\(x(language))">\(x(title))</rdf:li></rdf:Alt></dc:title>
           <dc:language><rdf:Bag><rdf:li>\(x(language))</rdf:li></rdf:Bag></dc:language>

        """
        if !author.isEmpty { body += "   <dc:creator><rdf:Seq><rdf:li>\(x(author))</rdf:li></rdf:Seq></dc:creator>\n" }
        if !subject.isEmpty { body += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(x(subject))</rdf:li></rdf:Alt></dc:description>\n" }
        if !keywords.isEmpty { body += "   <pdf:Keywords>\(x(keywords))</pdf:Keywords>\n" }
        body += """
           <pdf:Producer>\(x(producer))</pdf:Producer>
           <xmp:CreatorTool>\(x(creatorTool))</xmp:CreatorTool>
           <xmp:CreateDate>\(date)</xmp:CreateDate>
           <xmp:ModifyDate>\(date)</xmp:ModifyDate>
           <xmp:MetadataDate>\(date)</xmp:MetadataDate>

        """
        if claims.contains(.pdfA2u) { body += "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>U</pdfaid:conformance>\n" }
        if claims.contains(.pdfUA1) {
            body += "   <pdfuaid:part>1</pdfuaid:part>\n"
            // PDF/A accepts only the schemas it knows or that the file declares: pdfuaid is declared here.
            body += """
               <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
                 <pdfaProperty:name>part</pdfaProperty:name>
                 <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                 <pdfaProperty:category>internal</pdfaProperty:category>
                 <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
                </rdf:li></rdf:Seq></pdfaSchema:property>
               </rdf:li></rdf:Bag></pdfaExtension:schemas>

            """
        }
        body += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
        body += String(repeating: String(repeating: " ", count: 99) + "\n", count: 20)
        body += "<?xpacket end=\"w\"?>"
        return Data(body.utf8)
    }
}

/// The standards a PDF claims in its XMP: only those whose requirements presskit's own tests check.
public struct Conformance: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// PDF/A-2u (ISO 19005-2, level U: Unicode text).
    public static let pdfA2u = Conformance(rawValue: 1)
    /// PDF/UA-1 (ISO 14289-1).
    public static let pdfUA1 = Conformance(rawValue: 2)
}
