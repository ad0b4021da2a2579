import { descargarPdf, pedirPersistencia } from '../api/certificados';
import type { CertificadoEmitido } from '../domain/api/certificados';
import { guardar } from '../offline/certificados';

/**
 * Downloads the sealed PDF of an issued certificate with progress, then keeps the PDF, both signatures
 * and the structured data together on this phone. Nothing is kept unless the whole PDF arrived.
 */
export async function descargarAlTelefono(
	cuil: string,
	emitido: CertificadoEmitido,
	onProgress: (porcentaje: number | null) => void
) {
	// At the first download, ask the browser not to evict what we keep (remembered after that).
	await pedirPersistencia();
	const c = emitido.certificado;
	const pdf = await descargarPdf(c.id, c.pdfBytes, (p) => onProgress(p));
	return guardar({
		id: c.id,
		cuil,
		tipo: c.tipo,
		titulo: c.titulo,
		codigo: c.codigo,
		emitido: c.emitido,
		vence: c.vence,
		revocado: c.estado === 'revocado',
		qr: emitido.qr,
		sello: emitido.sello,
		datos: emitido.datos,
		pdf,
		pdfBytes: pdf.size
	});
}
